package io.gitops4j.core.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * One of an application's conditions, Argo CD's {@code status.conditions[]}.
 *
 * @param type what kind of problem
 * @param message one line naming what is wrong and where
 * @param lastTransitionTime when the condition appeared (kept while it stays the same)
 */
public record Condition(ConditionType type, String message, Instant lastTransitionTime) {

    /**
     * Requires every field.
     *
     * @param type what kind of problem
     * @param message one line naming what is wrong and where
     * @param lastTransitionTime when the condition appeared (kept while it stays the same)
     */
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    /**
     * Whether the two name the same problem, whenever they appeared.
     *
     * @param other another condition
     * @return {@code true} when both have the same type and message
     */
    public boolean sameAs(Condition other) {
        return type == other.type && message.equals(other.message);
    }

    /** {@code Type: message}. */
    @Override
    public String toString() {
        return type.argoName() + ": " + message;
    }
}
