package io.gitops4j.k8s.health;

import java.util.Optional;

/**
 * How healthy a resource or an application is, in Argo CD's words. The constants are declared
 * from most to least healthy, which is the order aggregation uses: the worst status wins.
 */
public enum HealthStatus {
    /** Fully healthy. */
    HEALTHY("Healthy"),
    /** Paused or suspended, waiting for something outside to resume it (a paused Deployment). */
    SUSPENDED("Suspended"),
    /** Not healthy yet, but still making progress and may become healthy. */
    PROGRESSING("Progressing"),
    /** Should exist in the cluster and does not. */
    MISSING("Missing"),
    /** Failed, or could not become healthy in time. */
    DEGRADED("Degraded"),
    /** The assessment itself failed (a broken health script, say). */
    UNKNOWN("Unknown");

    private final String displayName;

    HealthStatus(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The name Argo CD users know: {@code Healthy}, {@code Progressing}, ...
     *
     * @return the name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Whether this status is worse than {@code other} in the aggregation order.
     *
     * @param other another status
     * @return whether this one is worse
     */
    public boolean isWorseThan(HealthStatus other) {
        return compareTo(other) > 0;
    }

    /**
     * The worse of two statuses.
     *
     * @param a a status
     * @param b another status
     * @return the worse one; {@code a} when they are equal
     */
    public static HealthStatus worst(HealthStatus a, HealthStatus b) {
        return a.isWorseThan(b) ? a : b;
    }

    /**
     * The status with this display name ({@code "Healthy"}, ...), matched exactly as Argo CD does.
     *
     * @param name the display name, case-sensitive
     * @return the status, or empty for a name Argo CD does not know
     */
    public static Optional<HealthStatus> fromDisplayName(String name) {
        for (HealthStatus status : values()) {
            if (status.displayName.equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
