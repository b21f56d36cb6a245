package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and watches the Application (or ApplicationSet) objects of one namespace, telling every object seen and
 * every one gone, and keeps the newest version of each in its {@link ApplicationObjects} (what
 * writes start from); a watch the cluster ends is started again from a fresh list, which tells the
 * objects deleted meanwhile as gone. Events are told one at a time, on the thread that saw them.
 */
final class NamespaceWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceWatch.class);

    /** What the watch tells. */
    interface Handler {
        /** An object was added or changed (or listed). */
        void seen(ObjectNode object);

        /** An object was deleted; its last state. */
        void gone(ObjectNode object);
    }

    private final ApplicationObjects objects;
    private final String namespace;
    private final ListOptions options;
    private final Handler handler;
    private final Set<String> known = new HashSet<>();
    private Optional<Watch> watch = Optional.empty();
    private boolean closed;

    NamespaceWatch(ApplicationObjects objects, String namespace, Handler handler) {
        this(objects, namespace, ListOptions.inNamespace(namespace), handler);
    }

    /** A watch of the objects {@code options} select (a label selector, say) in the namespace. */
    NamespaceWatch(ApplicationObjects objects, String namespace, ListOptions options, Handler handler) {
        this.objects = objects;
        this.namespace = namespace;
        this.options = options;
        this.handler = handler;
    }

    /** Lists the namespace's Applications, tells each, and watches from there. */
    synchronized void start() {
        if (closed) {
            return;
        }
        ResourceList list = objects.cluster().listWithVersion(objects.type(), options);
        Set<String> listed = new HashSet<>();
        for (ObjectNode object : list.items()) {
            listed.add(KubernetesObjects.name(object));
            objects.seen(object);
            handle(handler::seen, object);
        }
        for (String name : Set.copyOf(known)) {
            if (!listed.contains(name)) {
                objects.gone(new ApplicationObjects.Ref(namespace, name));
                handle(handler::gone, gone(name));
            }
        }
        known.clear();
        known.addAll(listed);
        watch = Optional.of(objects.cluster().watch(objects.type(), options,
                list.resourceVersion(), new WatchListener() {
                    @Override
                    public void onEvent(WatchEvent event) {
                        synchronized (NamespaceWatch.this) {
                            if (closed) {
                                return;
                            }
                            String name = KubernetesObjects.name(event.object());
                            if (event.type() == WatchEvent.Type.DELETED) {
                                known.remove(name);
                                objects.gone(new ApplicationObjects.Ref(namespace, name));
                                handle(handler::gone, event.object());
                            } else {
                                known.add(name);
                                objects.seen(event.object());
                                handle(handler::seen, event.object());
                            }
                        }
                    }

                    @Override
                    public void onClose(ClusterException reason) {
                        LOG.info("the watch of {}s in {} ended ({}); listing them again", objects.type().kind(), namespace,
                                reason.getMessage());
                        restart();
                    }
                }));
    }

    private void restart() {
        try {
            start();
        } catch (ClusterException e) {
            LOG.warn("cannot list the {}s of {} again: {}", objects.type().kind(), namespace, e.getMessage());
        }
    }

    private ObjectNode gone(String name) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", objects.type().apiVersion()).put("kind", objects.type().kind());
        object.putObject("metadata").put("name", name).put("namespace", namespace);
        return object;
    }

    /** One bad object never stops the others. */
    private void handle(Consumer<ObjectNode> step, ObjectNode object) {
        try {
            step.accept(object);
        } catch (RuntimeException e) {
            LOG.error("{} {}/{}: {}", objects.type().kind(), namespace, KubernetesObjects.name(object), e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watch.ifPresent(Watch::close);
    }
}
