package io.gitops4j.core.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one Application of a set stands in a progressive sync ({@code strategy: RollingSync}),
 * Argo CD's {@code status.applicationStatus} entry.
 *
 * @param application the application
 * @param status {@code Waiting} (has changes, not synced yet), {@code Pending} (its step may sync
 *     it; a sync was asked for), {@code Progressing} (synced, not Healthy yet) or {@code Healthy}
 * @param step its step, counted from 1; -1 when no step selects it (it is then synced by hand only)
 * @param message why it has this status
 * @param targetRevision the revision it was compared at when the status was set
 * @param lastTransitionTime when the status last changed
 */
public record ApplicationSetApplicationStatus(String application, String status, int step, String message,
        String targetRevision, Instant lastTransitionTime) {

    /** Has changes, not synced yet. */
    public static final String WAITING = "Waiting";
    /** Its step may sync it; a sync was asked for. */
    public static final String PENDING = "Pending";
    /** Synced, not Healthy yet. */
    public static final String PROGRESSING = "Progressing";
    /** Synced and Healthy. */
    public static final String HEALTHY = "Healthy";

    /**
     * Requires every field but the message and target revision, which become empty when missing.
     *
     * @param application the application
     * @param status {@code Waiting} (has changes, not synced yet), {@code Pending} (its step may sync it; a
     *     sync was asked for), {@code Progressing} (synced, not Healthy yet) or {@code Healthy}
     * @param step its step, counted from 1; -1 when no step selects it (it is then synced by hand only)
     * @param message why it has this status
     * @param targetRevision the revision it was compared at when the status was set
     * @param lastTransitionTime when the status last changed
     */
    public ApplicationSetApplicationStatus {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        targetRevision = targetRevision == null ? "" : targetRevision;
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    ApplicationSetApplicationStatus with(String newStatus, String newMessage, Instant at) {
        return new ApplicationSetApplicationStatus(application, newStatus, step, newMessage, targetRevision, at);
    }
}
