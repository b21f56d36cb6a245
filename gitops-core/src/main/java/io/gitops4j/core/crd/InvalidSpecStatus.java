package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ConditionType;
import java.time.Clock;

/**
 * The status of an Application the engine cannot act on, written as Argo CD writes it: an
 * {@code InvalidSpecError} condition naming the field (its {@code lastTransitionTime} kept while
 * the message stays the same), sync and health {@code Unknown}, everything else (history, last
 * operation) left as it was; and the refusal of a malformed {@code .operation}, which ends as an
 * operation in phase {@code Error} and is cleared (one a sync window or the project refuses, in
 * phase {@code Failed}). Nothing is written when the object already
 * says so.
 */
final class InvalidSpecStatus {

    private final ApplicationObjects objects;
    private final Clock clock;

    InvalidSpecStatus(ApplicationObjects objects, Clock clock) {
        this.objects = objects;
        this.clock = clock;
    }

    void write(ApplicationObjects.Ref ref, String message) {
        String type = ConditionType.INVALID_SPEC_ERROR.argoName();
        objects.update(ref, object -> {
            JsonNode before = object.path("status").deepCopy();
            ObjectNode status = ApplicationObjects.child(object, "status");
            String since = StatusWriter.time(clock.instant());
            for (JsonNode condition : status.path("conditions")) {
                if (condition.path("type").asText().equals(type) && condition.path("message").asText().equals(message)) {
                    since = condition.path("lastTransitionTime").asText(since);
                }
            }
            ArrayNode conditions = status.putArray("conditions");
            conditions.addObject().put("type", type).put("message", message).put("lastTransitionTime", since);
            ApplicationObjects.child(status, "sync").put("status", "Unknown");
            ApplicationObjects.child(status, "health").put("status", "Unknown");
            return !before.equals(status);
        });
    }

    /** Ends the object's {@code .operation} in {@code phase} ({@code Error} or {@code Failed}) and clears it. */
    void refuseOperation(ApplicationObjects.Ref ref, String phase, String message) {
        objects.update(ref, object -> {
            if (!object.has("operation")) {
                return false;
            }
            String now = StatusWriter.time(clock.instant());
            ObjectNode state = ApplicationObjects.child(object, "status").putObject("operationState");
            state.set("operation", object.remove("operation"));
            state.put("phase", phase).put("message", message).put("startedAt", now).put("finishedAt", now);
            return true;
        });
    }
}
