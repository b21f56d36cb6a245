package io.gitops4j.core.engine;

import io.gitops4j.k8s.sync.OperationPhase;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of an application's last (or running) operation, Argo CD's
 * {@code status.operationState}.
 *
 * @param operation what was asked for
 * @param phase Running (also while a failed operation waits for its retry: {@code finishedAt} is
 *     then set), Terminating, Succeeded, Failed or Error
 * @param message one line on where it stands or how it ended
 * @param startedAt when it started
 * @param finishedAt when it ended (or, while Running, when the attempt that will be retried ended)
 * @param retryCount how many times it was retried as a whole
 * @param syncResult what the sync did so far, once it started syncing
 */
public record OperationState(Operation operation, OperationPhase phase, String message, Instant startedAt,
        Optional<Instant> finishedAt, int retryCount, Optional<SyncOperationResult> syncResult) {

    /**
     * Requires every field but the message, which becomes empty when missing.
     *
     * @param operation what was asked for
     * @param phase Running (also while a failed operation waits for its retry: {@code finishedAt} is then
     *     set), Terminating, Succeeded, Failed or Error
     * @param message one line on where it stands or how it ended
     * @param startedAt when it started
     * @param finishedAt when it ended (or, while Running, when the attempt that will be retried ended)
     * @param retryCount how many times it was retried as a whole
     * @param syncResult what the sync did so far, once it started syncing
     */
    public OperationState {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(phase, "phase");
        message = message == null ? "" : message;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(syncResult, "syncResult");
    }

    /** {@return whether the operation is over: Succeeded, Failed or Error} */
    public boolean isCompleted() {
        return phase.isCompleted();
    }
}
