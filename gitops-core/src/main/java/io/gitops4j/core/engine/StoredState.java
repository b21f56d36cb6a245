package io.gitops4j.core.engine;

import io.gitops4j.core.reconcile.SyncAttempt;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application controller keeps of one application across restarts: its status (the
 * history and the last or running operation among it) and the last sync that counts for automated
 * sync, so a restarted controller does not sync again what it synced, nor retry a revision whose
 * sync failed.
 *
 * @param status the status as last written
 * @param lastSyncAttempt the last automated sync, or manual sync of every resource that was not a
 *     dry run ({@link SyncAttempt}); Argo CD reads it from the operation state, which a dry run
 *     overwrites, so it is kept apart here
 */
public record StoredState(ApplicationStatus status, Optional<SyncAttempt> lastSyncAttempt) {

    /**
     * Requires both fields.
     *
     * @param status the status as last written
     * @param lastSyncAttempt the last automated sync, or manual sync of every resource that was not a dry
     *     run ({@link SyncAttempt}); Argo CD reads it from the operation state, which a dry run overwrites, so
     *     it is kept apart here
     */
    public StoredState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSyncAttempt, "lastSyncAttempt");
    }
}
