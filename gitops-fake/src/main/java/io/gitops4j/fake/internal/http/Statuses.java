package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.FieldConflict;
import io.gitops4j.kube.Json;

/** Kubernetes {@code Status} objects, the API server's answer for failures and some successes. */
final class Statuses {

    private Statuses() {
    }

    /** A failure {@code Status}. */
    static ObjectNode failure(int code, ClusterException error) {
        ObjectNode status = base().put("status", "Failure").put("message", error.getMessage());
        if (!error.reason().isEmpty()) {
            status.put("reason", error.reason());
        }
        error.retryAfter().ifPresent(delay ->
                status.putObject("details").put("retryAfterSeconds", Math.max(1, delay.toSeconds())));
        if (error instanceof ApplyConflictException conflict) {
            ArrayNode causes = status.putObject("details").putArray("causes");
            for (FieldConflict field : conflict.conflicts()) {
                causes.addObject().put("reason", "FieldManagerConflict")
                        .put("message", "conflict with " + field.owner())
                        .put("field", field.field());
            }
        }
        status.put("code", code);
        return status;
    }

    /** The success {@code Status} of a deletion. */
    static ObjectNode deleted(String group, String resource, String name, String uid) {
        ObjectNode status = base().put("status", "Success");
        ObjectNode details = status.putObject("details").put("name", name).put("kind", resource).put("uid", uid);
        if (!group.isEmpty()) {
            details.put("group", group);
        }
        return status;
    }

    private static ObjectNode base() {
        ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        return status;
    }
}
