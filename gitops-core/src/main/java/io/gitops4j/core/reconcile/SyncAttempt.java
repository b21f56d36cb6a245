package io.gitops4j.core.reconcile;

import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.sync.OperationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The last sync that counts for automated sync: an automated one (self-heal included), or a
 * manual one of every resource that was not a dry run. Argo CD reads the same facts from the
 * application's last operation; keeping them apart means a dry run or a selective sync never
 * stops a later automated sync.
 *
 * @param revision the commit synced
 * @param source the source it was synced from: a changed source is a new attempt, as in Argo CD
 * @param phase how it ended
 * @param message its one-line outcome
 * @param finishedAt when it ended; self-heal backs off from it
 * @param selfHealAttempts how many self-heal syncs of this revision ran in a row (0 for a sync of a
 *     new revision or a manual sync), Argo CD's {@code selfHealAttemptsCount}
 * @param sources for an application with several sources, the sources synced; empty for one
 */
public record SyncAttempt(String revision, ApplicationSource source, OperationPhase phase, String message,
        Instant finishedAt, int selfHealAttempts, List<ApplicationSource> sources) {

    /**
     * Requires every field but the message (empty when missing) and the sources (an empty list).
     *
     * @param revision the commit synced
     * @param source the source it was synced from: a changed source is a new attempt, as in Argo CD
     * @param phase how it ended
     * @param message its one-line outcome
     * @param finishedAt when it ended; self-heal backs off from it
     * @param selfHealAttempts how many self-heal syncs of this revision ran in a row (0 for a sync of a new
     *     revision or a manual sync), Argo CD's {@code selfHealAttemptsCount}
     * @param sources for an application with several sources, the sources synced; empty for one
     * @throws IllegalArgumentException when {@code selfHealAttempts} is negative
     */
    public SyncAttempt {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(phase, "phase");
        message = message == null ? "" : message;
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (selfHealAttempts < 0) {
            throw new IllegalArgumentException("selfHealAttempts must not be negative: " + selfHealAttempts);
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * An attempt of an application with one source.
     *
     * @param revision the commit synced
     * @param source the source it was synced from: a changed source is a new attempt, as in Argo CD
     * @param phase how it ended
     * @param message its one-line outcome
     * @param finishedAt when it ended; self-heal backs off from it
     * @param selfHealAttempts how many self-heal syncs of this revision ran in a row (0 for a sync of a new
     *     revision or a manual sync), Argo CD's {@code selfHealAttemptsCount}
     */
    public SyncAttempt(String revision, ApplicationSource source, OperationPhase phase, String message,
            Instant finishedAt, int selfHealAttempts) {
        this(revision, source, phase, message, finishedAt, selfHealAttempts, List.of());
    }

    /** {@return whether the sync succeeded} */
    public boolean succeeded() {
        return phase == OperationPhase.SUCCEEDED;
    }

    /**
     * Whether this attempt synced the same revision from the same sources as the application has now.
     *
     * @param otherRevision the revision the application compares now
     * @param app the application as it is now
     * @return {@code true} when revision and sources are the same
     */
    public boolean isOf(String otherRevision, Application app) {
        return revision.equals(otherRevision) && (sources.isEmpty() ? List.of(source) : sources).equals(app.allSources());
    }

    /**
     * Whether this attempt synced the same revision from the same source.
     *
     * @param otherRevision the revision the application compares now
     * @param otherSource the application's source now
     * @return {@code true} when revision and source are the same
     */
    public boolean isOf(String otherRevision, ApplicationSource otherSource) {
        return revision.equals(otherRevision) && source.equals(otherSource);
    }
}
