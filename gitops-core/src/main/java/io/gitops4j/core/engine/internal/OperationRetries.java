package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.RetryPolicy;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a failed operation as a whole, as Argo CD's {@code processRequestedAppOperation} does
 * with the operation's {@code retry}: an attempt that ended Failed or Error, was not terminated and
 * has retries left stays Running with its {@code finishedAt} set, {@code retryCount} one more and
 * the message "... Retrying attempt #n at 3:04PM."; the retry starts once the backoff
 * ({@code duration * factor^(n-1)}, at most {@code maxDuration}) has passed on the controller's
 * clock, through a timer of its scheduler (nothing sleeps). The attempt that ends the operation
 * says "(retried n times)." A terminate during the backoff ends the operation at once.
 *
 * <p>The first retry waits {@code duration}, as Argo CD's documentation and its retry message say
 * (its controller's check waits one factor more: 10 s instead of 5 s by default).
 */
final class OperationRetries {

    private static final Logger LOG = LoggerFactory.getLogger(OperationRetries.class);

    /** Go's {@code time.Kitchen}, which Argo CD's retry message uses. */
    private static final DateTimeFormatter KITCHEN = DateTimeFormatter.ofPattern("h:mma", Locale.ROOT);

    private final ControllerCore core;

    OperationRetries(ControllerCore core) {
        this.core = core;
    }

    /**
     * The retry of an attempt that just ended, when there is one: it failed or errored, it was
     * not terminated, and its retry policy allows one more.
     */
    Optional<ManagedApp.Requested> after(ManagedApp.Requested attempt, OperationState finished, boolean terminated) {
        RetryPolicy retry = finished.operation().retry();
        boolean failed = finished.phase() == OperationPhase.FAILED || finished.phase() == OperationPhase.ERROR;
        if (terminated || !failed || !retry.allowsRetry(attempt.retryCount())) {
            return Optional.empty();
        }
        Instant endedAt = finished.finishedAt().orElseGet(core.clock::instant);
        int retries = attempt.retryCount() + 1;
        Instant retryAt = endedAt.plus(retry.backoff(attempt.retryCount()));
        OperationState waiting = new OperationState(finished.operation(), OperationPhase.RUNNING,
                finished.message() + ". Retrying attempt #" + retries + " at " + kitchen(retryAt) + ".",
                finished.startedAt(), Optional.of(endedAt), retries, finished.syncResult());
        return Optional.of(new ManagedApp.Requested(finished.operation(), attempt.result(), retries,
                Optional.of(waiting), retryAt));
    }

    /** Sets the timer of a retry; when it fires, the retry runs if it is still the one waiting. */
    void schedule(ManagedApp managed, ManagedApp.Requested retry) {
        LOG.info("{}: {}", managed.app().name(), retry.failedAttempt().map(OperationState::message).orElse(""));
        core.scheduler.schedule(retry.notBefore(), () -> {
            if (managed.requested.filter(waiting -> waiting == retry).isPresent()) {
                core.operateSoon(managed.app().name());
            }
        });
    }

    /** The state while a retry runs: "Retrying operation. Attempt #n", started when the first attempt started. */
    static OperationState running(ManagedApp.Requested retry) {
        OperationState failed = retry.failedAttempt().orElseThrow();
        return new OperationState(retry.operation(), OperationPhase.RUNNING,
                "Retrying operation. Attempt #" + retry.retryCount(), failed.startedAt(), Optional.empty(),
                retry.retryCount(), Optional.empty());
    }

    /** The final state of an operation: "(retried n times)." added once one that was retried ends. */
    static OperationState completed(OperationState finished) {
        if (finished.retryCount() == 0) {
            return finished;
        }
        return new OperationState(finished.operation(), finished.phase(),
                finished.message() + " (retried " + finished.retryCount() + " times).", finished.startedAt(),
                finished.finishedAt(), finished.retryCount(), finished.syncResult());
    }

    /**
     * A retry a stopped process left waiting (Running with {@code finishedAt} set): waits again
     * until it is due, counted as the same retry.
     */
    ManagedApp.Requested resumeWaiting(Operation operation, OperationState waiting) {
        Instant retryAt = waiting.finishedAt().orElseThrow()
                .plus(operation.retry().backoff(Math.max(0, waiting.retryCount() - 1)));
        return new ManagedApp.Requested(operation, new CompletableFuture<>(),
                waiting.retryCount(), Optional.of(waiting), retryAt);
    }

    private String kitchen(Instant at) {
        return KITCHEN.format(at.atZone(core.clock.getZone()));
    }
}
