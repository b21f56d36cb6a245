package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The newest version of each object a watch delivered or a write returned, by namespace and
 * name: what a read-modify-update starts from instead of reading the object again (an informer's
 * cache, in client-go's words). An older version arriving late (a watch event still in flight when
 * a write returned a newer one) never replaces a newer one; versions are compared as numbers when
 * both are numbers, as every API server writes them, and otherwise the last one told wins. A copy
 * is handed out, so that a caller's change never reaches the cache. Thread-safe.
 */
final class LastSeenObjects {

    private final ConcurrentMap<ApplicationObjects.Ref, ObjectNode> objects = new ConcurrentHashMap<>();

    /** Keeps {@code object} unless a newer version of it is kept already. */
    void remember(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        objects.merge(ref(object), copy, (kept, told) -> isOlder(told, kept) ? kept : told);
    }

    /** Forgets the object (deleted, or not known any more). */
    void forget(ApplicationObjects.Ref ref) {
        objects.remove(ref);
    }

    /** {@return a copy of the newest version seen of the object; empty when none was} */
    Optional<ObjectNode> copy(ApplicationObjects.Ref ref) {
        return Optional.ofNullable(objects.get(ref)).map(ObjectNode::deepCopy);
    }

    private static ApplicationObjects.Ref ref(ObjectNode object) {
        return new ApplicationObjects.Ref(KubernetesObjects.namespace(object), KubernetesObjects.name(object));
    }

    private static boolean isOlder(ObjectNode told, ObjectNode kept) {
        try {
            return Long.parseLong(version(told)) < Long.parseLong(version(kept));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String version(ObjectNode object) {
        return object.path("metadata").path("resourceVersion").asText("");
    }
}
