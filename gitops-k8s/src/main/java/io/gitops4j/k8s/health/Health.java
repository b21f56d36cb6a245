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

    /**
     * Checks that a status is given; a missing message reads as empty.
     *
     * @param status the verdict
     * @param message why, or an empty string
     * @throws NullPointerException when {@code status} is {@code null}
     */
    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /**
     * A status without a message.
     *
     * @param status the status
     * @return the health
     */
    public static Health of(HealthStatus status) {
        return new Health(status, "");
    }

    /**
     * {@link HealthStatus#HEALTHY}, with a message.
     *
     * @param message what the status is based on, or empty
     * @return the health
     */
    public static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    /**
     * {@link HealthStatus#PROGRESSING}, with a message.
     *
     * @param message what is not done yet, or empty
     * @return the health
     */
    public static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    /**
     * {@link HealthStatus#DEGRADED}, with a message.
     *
     * @param message what failed, or empty
     * @return the health
     */
    public static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    /**
     * {@link HealthStatus#SUSPENDED}, with a message.
     *
     * @param message what is paused, or empty
     * @return the health
     */
    public static Health suspended(String message) {
        return new Health(HealthStatus.SUSPENDED, message);
    }

    /**
     * {@link HealthStatus#UNKNOWN}, with a message.
     *
     * @param message why the health cannot be told, or empty
     * @return the health
     */
    public static Health unknown(String message) {
        return new Health(HealthStatus.UNKNOWN, message);
    }

    /** {@code Healthy} or {@code Degraded: the message}. */
    @Override
    public String toString() {
        return message.isEmpty() ? status.displayName() : status.displayName() + ": " + message;
    }
}
