package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import java.util.Optional;
import java.util.OptionalLong;

/** Lenient readers for the fields health checks look at: a missing field reads as absent. */
final class ObjectFields {

    private ObjectFields() {
    }

    /** A number, or {@code fallback} when the field is missing or not a number. */
    static long number(JsonNode node, long fallback) {
        return node.isNumber() ? node.asLong() : fallback;
    }

    /** A number, or empty when the field is missing or not a number. */
    static OptionalLong optionalNumber(JsonNode node) {
        return node.isNumber() ? OptionalLong.of(node.asLong()) : OptionalLong.empty();
    }

    /** A scalar as text, or an empty string when the field is missing or null. */
    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    /** The first entry of {@code status.conditions} with the given type. */
    static Optional<JsonNode> condition(JsonNode object, String type) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (type.equals(text(condition.path("type")))) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    /**
     * The verdict of the first condition of this type whose status is {@code "True"} (Healthy)
     * or {@code "False"} (Degraded), with its message; empty when no such condition says either.
     * The rule many controllers' Ready (or Synced) condition follows in Argo CD's checks.
     */
    static Optional<Health> trueOrFalse(JsonNode object, String type) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (type.equals(text(condition.path("type")))) {
                String message = text(condition.path("message"));
                switch (text(condition.path("status"))) {
                    case "True" -> {
                        return Optional.of(Health.healthy(message));
                    }
                    case "False" -> {
                        return Optional.of(Health.degraded(message));
                    }
                    default -> {
                        // Unknown or missing: the next condition of the type may still decide
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the object has a condition of this type with status {@code "True"}. */
    static boolean conditionIsTrue(JsonNode object, String type) {
        return condition(object, type).map(c -> "True".equals(text(c.path("status")))).orElse(false);
    }

    /** {@code metadata.generation}, 0 when unset. */
    static long generation(JsonNode object) {
        return number(object.path("metadata").path("generation"), 0);
    }

    /** {@code status.observedGeneration}, 0 when unset. */
    static long observedGeneration(JsonNode object) {
        return number(object.path("status").path("observedGeneration"), 0);
    }

    /** {@code metadata.name}. */
    static String name(JsonNode object) {
        return text(object.path("metadata").path("name"));
    }
}
