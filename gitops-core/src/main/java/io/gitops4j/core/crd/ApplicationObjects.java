package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.model.Applications;
import io.gitops4j.kube.KubernetesObjects;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Application objects of the namespaces a controller watches: how each is named in the
 * engine, and writing one with optimistic concurrency: change the newest version the watch
 * delivered (or a write returned, {@link LastSeenObjects}) and update it with that
 * resourceVersion, so a write costs one request; only on a 409 Conflict read it again and change
 * it again. Thread-safe.
 */
final class ApplicationObjects {

    /** How often a write that keeps meeting a newer version is tried before it gives up. */
    static final int ATTEMPTS = 10;

    private final Cluster cluster;
    private final ResourceType type;
    private final List<String> namespaces;
    private final LastSeenObjects seen = new LastSeenObjects();

    /**
     * @param namespaces the namespaces watched; applications of the first one keep their names in
     *     the engine, those of others are named {@code <namespace>_<name>} as Argo CD names
     *     applications in any namespace
     */
    ApplicationObjects(Cluster cluster, ResourceType type, List<String> namespaces) {
        this.cluster = cluster;
        this.type = type;
        this.namespaces = List.copyOf(namespaces);
    }

    /** The Application resource type of the cluster, or a message saying to install the CRD. */
    static ResourceType applicationType(Cluster cluster) {
        return cluster.resourceType(Applications.API_VERSION, "Application").orElseThrow(() -> new ClusterException(404,
                "the cluster serves no " + Applications.API_VERSION + " Application; install Argo CD's "
                        + "CustomResourceDefinitions, or GitOps4J's own ones (gitops crds | kubectl apply -f -)"));
    }

    ResourceType type() {
        return type;
    }

    Cluster cluster() {
        return cluster;
    }

    List<String> namespaces() {
        return namespaces;
    }

    /** The namespace the controller runs for: the first one watched. */
    String controlNamespace() {
        return namespaces.get(0);
    }

    /** The name of the object's application in the engine. */
    String engineName(String namespace, String name) {
        return namespace.equals(controlNamespace()) ? name : namespace + "_" + name;
    }

    String engineName(ObjectNode object) {
        return engineName(KubernetesObjects.namespace(object), KubernetesObjects.name(object));
    }

    /** The namespace and name of an engine's application. */
    Ref ref(String engineName) {
        int separator = engineName.indexOf('_');
        if (separator > 0 && namespaces.contains(engineName.substring(0, separator))) {
            return new Ref(engineName.substring(0, separator), engineName.substring(separator + 1));
        }
        return new Ref(controlNamespace(), engineName);
    }

    /** Reads the object from the API server (and remembers it as the newest version seen). */
    Optional<ObjectNode> get(Ref ref) {
        Optional<ObjectNode> read = cluster.get(type, ref.namespace(), ref.name());
        read.ifPresentOrElse(seen::remember, () -> seen.forget(ref));
        return read;
    }

    /** {@return the newest version of the object seen (watched or written), read from the API server when none was} */
    Optional<ObjectNode> current(Ref ref) {
        return seen.copy(ref).or(() -> get(ref));
    }

    /** Tells the newest version of an object the watch delivered. */
    void seen(ObjectNode object) {
        seen.remember(object);
    }

    /** Tells that the watch saw the object deleted. */
    void gone(Ref ref) {
        seen.forget(ref);
    }

    /**
     * Changes the newest version of the object seen with {@code change} and updates it with that
     * version's resourceVersion; on a 409 Conflict (someone wrote it since: a user's spec edit, a
     * watch event not delivered yet) reads it again and changes that, at most {@value #ATTEMPTS}
     * times in all. The API server refuses an update of any version but the newest, so nothing
     * written since is ever lost.
     *
     * @param change changes the object in place; returns false when nothing needs writing
     * @return the object as stored (or as seen when nothing was written); empty when it is gone
     */
    Optional<ObjectNode> update(Ref ref, Predicate<ObjectNode> change) {
        Optional<ObjectNode> current = current(ref);
        for (int attempt = 1; ; attempt++) {
            if (current.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode object = current.get();
            if (!change.test(object)) {
                return current;
            }
            try {
                ObjectNode stored = cluster.update(object);
                seen.remember(stored);
                return Optional.of(stored);
            } catch (ClusterException e) {
                if (e.code() == 404) {
                    seen.forget(ref);
                    return Optional.empty();
                }
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            current = get(ref);
        }
    }

    /** The object under {@code field}, put there when it is missing or not an object. */
    static ObjectNode child(ObjectNode parent, String field) {
        JsonNode child = parent.path(field);
        return child.isObject() ? (ObjectNode) child : parent.putObject(field);
    }

    /** An Application's namespace and name. */
    record Ref(String namespace, String name) {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }
}
