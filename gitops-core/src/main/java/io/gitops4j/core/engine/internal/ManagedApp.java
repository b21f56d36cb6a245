package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.kube.ResourceKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One registered application and what the controller remembers of it. Its fields are written
 * only by the one worker the {@link WorkQueue} hands the application to (and by the controller's
 * calls under the application's monitor); the status is read from any thread.
 */
public final class ManagedApp {

    /**
     * What a comparison compared: the application spec and the commit rendered, and the
     * resourceVersion of every live object it read (empty: compare again). A later comparison with
     * the same inputs would give the same answer, so it is skipped.
     */
    public record Compared(Application app, String commit, Optional<Map<ResourceKey, String>> liveVersions) {

        /** The same commit and spec, its live objects to be compared again (not rendered again). */
        public Compared liveChanged() {
            return new Compared(app, commit, Optional.empty());
        }
    }

    /**
     * An operation asked for and not started yet, with the future its caller waits on and how
     * often it was retried.
     *
     * @param failedAttempt for a retry, the state of the attempt that failed (Running, its
     *     {@code finishedAt} set, as Argo CD keeps it while a retry waits); empty otherwise
     * @param notBefore when the retry may start (the failed attempt's end plus the backoff)
     */
    public record Requested(Operation operation, CompletableFuture<OperationState> result, int retryCount,
            Optional<OperationState> failedAttempt, Instant notBefore) {

        /** An operation to start at once. */
        public Requested(Operation operation, CompletableFuture<OperationState> result, int retryCount) {
            this(operation, result, retryCount, Optional.empty(), Instant.MIN);
        }
    }

    private volatile Application app;
    private volatile ApplicationStatus status;
    volatile Optional<String> storedVersion = Optional.empty();
    volatile Optional<SyncAttempt> lastAttempt = Optional.empty();
    volatile Optional<TargetState> target = Optional.empty();
    volatile Optional<Compared> compared = Optional.empty();
    volatile Set<ResourceKey> desiredKeys = Set.of();
    volatile Optional<Requested> requested = Optional.empty();
    volatile Optional<SyncOperation> running = Optional.empty();
    volatile boolean terminateRequested;
    volatile Optional<Cascade> deleting = Optional.empty();
    volatile boolean unregistered;

    ManagedApp(Application app, ApplicationStatus status) {
        this.app = app;
        this.status = status;
    }

    /** The application as last registered. */
    public Application app() {
        return app;
    }

    void app(Application value) {
        this.app = value;
    }

    /** The status as last computed. */
    public ApplicationStatus status() {
        return status;
    }

    void status(ApplicationStatus value) {
        this.status = value;
    }

    /** Whether an operation waits or runs. */
    public boolean hasOperation() {
        return requested.isPresent() || running.isPresent();
    }
}
