package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Optional;

/** The hook objects a sync created: their finalizer, their deletion. */
final class HookObjects {

    private final Cluster cluster;
    private final String fieldManager;

    HookObjects(Cluster cluster, String fieldManager) {
        this.cluster = cluster;
        this.fieldManager = fieldManager;
    }

    /**
     * Removes the {@link Hooks#HOOK_FINALIZER} from a hook's live object, once it completed or
     * before deleting it.
     *
     * @return the object without it, or empty when it is gone
     */
    Optional<ObjectNode> removeFinalizer(ObjectNode live) {
        ObjectNode current = live;
        for (int attempt = 0; attempt < 3; attempt++) {
            int index = finalizerIndex(current);
            if (index < 0) {
                return Optional.of(current);
            }
            ArrayNode operations = Json.mapper().createArrayNode();
            String path = "/metadata/finalizers/" + index;
            operations.addObject().put("op", "test").put("path", path).put("value", Hooks.HOOK_FINALIZER);
            operations.addObject().put("op", "remove").put("path", path);
            try {
                return Optional.of(cluster.patch(cluster.requireResourceTypeOf(current), KubernetesObjects.namespace(current),
                        KubernetesObjects.name(current), Patch.json(operations), WriteOptions.fieldManager(fieldManager)));
            } catch (ClusterException e) {
                if (e.isNotFound()) {
                    return Optional.empty();
                }
                if (e.code() != 409 && e.code() != 422) {
                    throw e;
                }
                Optional<ObjectNode> reread = get(current);
                if (reread.isEmpty()) {
                    return Optional.empty();
                }
                current = reread.get();
            }
        }
        throw new ClusterException(409, "cannot remove the hook finalizer from " + KubernetesObjects.name(live)
                + ": it kept changing; try again");
    }

    /** Deletes a hook's object (its finalizer first); a hook already gone is fine. */
    void delete(ObjectNode live) {
        Optional<ObjectNode> current = removeFinalizer(live);
        if (current.isEmpty()) {
            return;
        }
        cluster.delete(cluster.requireResourceTypeOf(live), KubernetesObjects.namespace(live),
                KubernetesObjects.name(live), DeleteOptions.propagation(PropagationPolicy.FOREGROUND));
    }

    Optional<ObjectNode> get(JsonNode object) {
        return cluster.get(cluster.requireResourceTypeOf(object), KubernetesObjects.namespace(object),
                KubernetesObjects.name(object));
    }

    private static int finalizerIndex(JsonNode object) {
        JsonNode finalizers = object.path("metadata").path("finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            if (Hooks.HOOK_FINALIZER.equals(finalizers.get(i).asText())) {
                return i;
            }
        }
        return -1;
    }
}
