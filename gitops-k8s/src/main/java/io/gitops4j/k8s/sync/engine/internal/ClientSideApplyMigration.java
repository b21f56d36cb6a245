package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Moves field ownership from client-side apply to our server-side apply manager, as kubectl's
 * and Argo CD's client-side apply migration do: the fields the {@code Update} entries of
 * {@code kubectl-client-side-apply} (and of our own manager, from client-side syncs) own join
 * our {@code Apply} entry, and those entries go. The next server-side apply then removes what
 * Git no longer sets, instead of leaving it to a manager nobody runs any more.
 */
final class ClientSideApplyMigration {

    /** The manager {@code kubectl apply} (client-side) records. */
    static final String KUBECTL_CLIENT_SIDE_APPLY = "kubectl-client-side-apply";

    private ClientSideApplyMigration() {
    }

    /**
     * Migrates a live object when it has client-side apply entries.
     *
     * @return the object after the migration (or as it was, when there was nothing to move)
     */
    static ObjectNode migrate(Cluster cluster, ObjectNode live, String manager, Instant now) {
        Set<String> clientSideManagers = Set.of(KUBECTL_CLIENT_SIDE_APPLY, manager);
        ArrayNode kept = Json.mapper().createArrayNode();
        FieldSet owned = FieldSet.empty();
        boolean migrated = false;
        JsonNode ownApply = null;
        for (JsonNode entry : live.path("metadata").path("managedFields")) {
            boolean mainResource = entry.path("subresource").asText("").isEmpty();
            String operation = entry.path("operation").asText();
            String entryManager = entry.path("manager").asText();
            if (mainResource && operation.equals("Update") && clientSideManagers.contains(entryManager)) {
                owned = owned.union(FieldSet.fromFieldsV1(entry.get("fieldsV1")));
                migrated = true;
            } else if (mainResource && operation.equals("Apply") && entryManager.equals(manager)) {
                owned = owned.union(FieldSet.fromFieldsV1(entry.get("fieldsV1")));
                ownApply = entry;
            } else {
                kept.add(entry);
            }
        }
        if (!migrated) {
            return live;
        }
        ObjectNode entry = kept.addObject().put("manager", manager).put("operation", "Apply")
                .put("apiVersion", ownApply != null ? ownApply.path("apiVersion").asText()
                        : KubernetesObjects.apiVersion(live))
                .put("time", now.truncatedTo(ChronoUnit.SECONDS).toString()).put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", owned.toFieldsV1());
        ArrayNode operations = Json.mapper().createArrayNode();
        operations.addObject().put("op", "test").put("path", "/metadata/resourceVersion")
                .put("value", live.path("metadata").path("resourceVersion").asText());
        operations.addObject().put("op", "replace").put("path", "/metadata/managedFields").set("value", kept);
        try {
            return cluster.patch(cluster.requireResourceTypeOf(live), KubernetesObjects.namespace(live),
                    KubernetesObjects.name(live), Patch.json(operations), WriteOptions.fieldManager(manager));
        } catch (ClusterException e) {
            // A failed test of the resourceVersion (422) means the object changed since it was read:
            // a conflict, which a retry can resolve, not an invalid object (which Force=true would recreate).
            int code = e.code() == 422 ? 409 : e.code();
            throw new ClusterException(code, code == 409 ? "Conflict" : e.reason(), "cannot move the fields of "
                    + KUBECTL_CLIENT_SIDE_APPLY + " to " + manager + " before the server-side apply: "
                    + e.getMessage(), e.retryAfter(), e);
        }
    }
}
