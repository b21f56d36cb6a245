package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.k8s.clusters.ClusterSecrets;
import io.gitops4j.kube.KubernetesObjects;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of Argo CD's cluster Secrets ({@code argocd.argoproj.io/secret-type: cluster}) of
 * a namespace: one LIST at start and one WATCH from there, whose Secrets every consumer gets: the
 * destinations ({@link ClusterSecretWatch}), the ApplicationSet {@code clusters} generator
 * ({@link ClusterSecretClusters}, which reads {@link #secrets()}) and the shards. A watch the
 * cluster ends is started again from a fresh LIST, which tells the Secrets deleted meanwhile. A
 * Secret that stops carrying the label is told as deleted. Consumers are called one event at a
 * time, under the informer's lock; one that fails is logged and the others go on. Thread-safe.
 */
final class ClusterSecretInformer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecretInformer.class);

    /** What a consumer of the cluster Secrets hears. */
    interface Consumer {
        /**
         * Every cluster Secret of the namespace, after a LIST (at start, and again after a watch ended).
         *
         * @param secrets by name
         */
        void listed(List<ObjectNode> secrets);

        /**
         * A cluster Secret was added or changed.
         *
         * @param secret as the watch delivered it
         */
        void changed(ObjectNode secret);

        /**
         * A cluster Secret was deleted or lost its label.
         *
         * @param name the Secret's name
         */
        void deleted(String name);
    }

    private final Cluster cluster;
    private final String namespace;
    private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> secrets = new TreeMap<>();
    private volatile List<ObjectNode> snapshot = List.of();
    private Optional<Watch> watch = Optional.empty();
    private boolean started;
    private boolean closed;

    ClusterSecretInformer(Cluster cluster, String namespace) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    String namespace() {
        return namespace;
    }

    /** Adds a consumer; one added after {@link #start()} hears the Secrets known at once, as a list. */
    synchronized void subscribe(Consumer consumer) {
        consumers.add(consumer);
        if (started) {
            safely(() -> consumer.listed(secrets()));
        }
    }

    /**
     * Lists the cluster Secrets, tells every consumer, and watches from there; a second call does nothing.
     *
     * @throws ClusterException when the Secrets cannot be listed
     */
    synchronized void start() {
        if (started || closed) {
            return;
        }
        list();
        started = true;
    }

    /**
     * {@return the cluster Secrets known now, by name (copies); empty before {@link #start()}}
     * Never waits for a consumer busy with an event (a destination's first check).
     */
    List<ObjectNode> secrets() {
        return snapshot.stream().map(ObjectNode::deepCopy).toList();
    }

    private void changed() {
        snapshot = List.copyOf(secrets.values());
    }

    private void list() {
        ResourceList list = cluster.listWithVersion(BuiltInResourceTypes.SECRET, labelled());
        secrets.clear();
        list.items().forEach(secret -> secrets.put(KubernetesObjects.name(secret), secret.deepCopy()));
        changed();
        List<ObjectNode> listed = secrets();
        consumers.forEach(consumer -> safely(() -> consumer.listed(listed)));
        watch = Optional.of(cluster.watch(BuiltInResourceTypes.SECRET, labelled(), list.resourceVersion(),
                new WatchListener() {
                    @Override
                    public void onEvent(WatchEvent event) {
                        handle(event);
                    }

                    @Override
                    public void onClose(ClusterException reason) {
                        LOG.info("the watch of cluster Secrets in {} ended ({}); listing them again", namespace,
                                reason.getMessage());
                        relist();
                    }
                }));
    }

    private synchronized void handle(WatchEvent event) {
        if (closed) {
            return;
        }
        ObjectNode secret = event.object();
        String name = KubernetesObjects.name(secret);
        if (event.type() == WatchEvent.Type.DELETED || !ClusterSecrets.isClusterSecret(secret)) {
            if (secrets.remove(name) != null) {
                changed();
                consumers.forEach(consumer -> safely(() -> consumer.deleted(name)));
            }
            return;
        }
        secrets.put(name, secret.deepCopy());
        changed();
        consumers.forEach(consumer -> safely(() -> consumer.changed(secret.deepCopy())));
    }

    private synchronized void relist() {
        if (closed) {
            return;
        }
        try {
            list();
        } catch (ClusterException e) {
            LOG.warn("cannot list the cluster Secrets of {} again: {}", namespace, e.getMessage());
        }
    }

    private ListOptions labelled() {
        return ListOptions.inNamespace(namespace)
                .withLabelSelector(ClusterSecrets.SECRET_TYPE_LABEL + "=" + ClusterSecrets.SECRET_TYPE_CLUSTER);
    }

    /** A failing consumer is logged, never stops the watch nor the other consumers. */
    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a consumer of cluster Secrets failed: {}", e.toString());
        }
    }

    /** Stops watching. */
    @Override
    public synchronized void close() {
        closed = true;
        watch.ifPresent(Watch::close);
    }
}
