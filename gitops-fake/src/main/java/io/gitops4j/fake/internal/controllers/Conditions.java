package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Status conditions as Kubernetes controllers keep them: one entry per type;
 * {@code lastTransitionTime} changes only when the status changes, {@code lastUpdateTime} (for
 * the kinds that have it) whenever the condition is written with a new reason or message.
 */
final class Conditions {

    private Conditions() {
    }

    /** The condition of a type in a status, if present. */
    static Optional<JsonNode> find(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    /**
     * Sets a condition in {@code status}, keeping the old timestamps when nothing they track changed.
     *
     * @param withUpdateTime whether the kind's conditions carry {@code lastUpdateTime} (Deployments)
     */
    static void set(ObjectNode status, String type, String value, String reason, String message, String now,
            boolean withUpdateTime) {
        Optional<JsonNode> old = find(status, type);
        ObjectNode condition = status.objectNode().put("type", type).put("status", value);
        boolean sameStatus = old.isPresent() && old.get().path("status").asText().equals(value);
        boolean sameText = sameStatus && old.get().path("reason").asText().equals(reason)
                && old.get().path("message").asText().equals(message);
        if (withUpdateTime) {
            condition.put("lastUpdateTime", sameText ? old.get().path("lastUpdateTime").asText(now) : now);
        }
        condition.put("lastTransitionTime", sameStatus ? old.get().path("lastTransitionTime").asText(now) : now);
        if (!reason.isEmpty()) {
            condition.put("reason", reason);
        }
        if (!message.isEmpty()) {
            condition.put("message", message);
        }
        ArrayNode conditions = status.has("conditions") ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).path("type").asText().equals(type)) {
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }
}
