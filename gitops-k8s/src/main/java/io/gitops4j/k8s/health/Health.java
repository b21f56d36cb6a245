package io.gitops4j.k8s.health;

import java.util.Objects;

/**
 * The health of one resource: a status and a human-readable message (empty when there is
 * nothing to add, as Argo CD leaves it).
 *
 * @param status the verdict
 * @param message why, or an empty string
 */
public record Health(HealthStatus status, String message) {

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /** A status without a message. */
    public static Health of(HealthStatus status) {
        return new Health(status, "");
    }

    public static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.SUSPENDED, message);
    }

    public static Health unknown(String message) {
        return new Health(HealthStatus.UNKNOWN, message);
    }

    /** {@code Healthy} or {@code Degraded: the message}. */
    @Override
    public String toString() {
        return message.isEmpty() ? status.displayName() : status.displayName() + ": " + message;
    }
}
