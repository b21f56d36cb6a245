package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationRefusedException;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.SyncOperationResult;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.project.PolicyVerdict;
import io.gitops4j.core.reconcile.SourceRevisions;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncInProgressException;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.engine.SyncLock;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.ResourceKey;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an application's operation, Argo CD's {@code processRequestedAppOperation}: resolve and
 * render the operation's revision, compare under the sync lock, sync, then record the outcome:
 * the operation state, the history (a successful sync of every resource that was not a dry run
 * only) and the last sync attempt automated sync reads (automated syncs and whole manual syncs
 * only, so a dry run or a selective sync never stops a later automated sync). A failure to
 * resolve or render ends the operation as Error having written nothing. A failed or errored
 * operation is retried as a whole after its backoff ({@link OperationRetries}); the sync engine
 * then retries no task itself, so {@code retry.limit} counts whole attempts, as in Argo CD.
 */
public final class OperationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(OperationRunner.class);

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    private final ControllerCore core;
    private final OperationRetries retries;
    private final SafePoints safePoints = new SafePoints();

    OperationRunner(ControllerCore core) {
        this.core = core;
        this.retries = new OperationRetries(core);
    }

    /** The controller is stopping: every running sync ends at its next safe point and stays Running ({@link SafePoints}). */
    void stopAtSafePoints() {
        safePoints.stop();
    }

    /**
     * Queues an operation for the application.
     *
     * @throws OperationRefusedException when one already waits or runs, or the application is being deleted
     */
    public CompletableFuture<OperationState> request(ManagedApp managed, Operation operation) {
        synchronized (managed) {
            if (managed.deleting.isPresent()) {
                throw new OperationRefusedException("application " + managed.app().name()
                        + " is being deleted; no operation can start");
            }
            if (managed.hasOperation()) {
                throw new OperationRefusedException("another operation is already in progress for application "
                        + managed.app().name() + "; wait for it or terminate it");
            }
            CompletableFuture<OperationState> result = new CompletableFuture<>();
            managed.requested = Optional.of(new ManagedApp.Requested(operation, result, 0));
            managed.terminateRequested = false;
            core.operateSoon(managed.app().name());
            return result;
        }
    }

    /**
     * Asks the application's operation to stop: a waiting one never starts, a running one is
     * terminated, a failed one waiting for its retry ends at once; none is retried.
     */
    public boolean terminate(ManagedApp managed) {
        boolean waiting;
        synchronized (managed) {
            managed.terminateRequested = true;
            Optional<SyncOperation> running = managed.running;
            running.ifPresent(SyncOperation::terminate);
            waiting = running.isEmpty() && managed.requested.isPresent();
            if (running.isEmpty() && !waiting) {
                return false;
            }
        }
        if (waiting) {
            core.operateSoon(managed.app().name());
        }
        return true;
    }

    void run(ManagedApp managed) {
        ManagedApp.Requested requested;
        boolean terminated;
        synchronized (managed) {
            if (managed.requested.isEmpty()) {
                return;
            }
            requested = managed.requested.get();
            terminated = managed.terminateRequested;
            if (!terminated && core.clock.instant().isBefore(requested.notBefore())) {
                return;   // a retry whose backoff has not passed: its timer brings it back
            }
        }
        OperationState finished;
        try {
            finished = terminated && requested.failedAttempt().isPresent()
                    ? end(requested.failedAttempt().get(), OperationPhase.FAILED, "Operation terminated",
                            requested.failedAttempt().get().syncResult())
                    : attempt(managed, requested);
        } catch (SafePoints.CutOff e) {
            leaveRunning(managed, requested);
            return;
        } finally {
            synchronized (managed) {
                managed.running = Optional.empty();
            }
        }
        if (safePoints.stopping() && Thread.currentThread().isInterrupted()) {
            leaveRunning(managed, requested);   // interrupted after the grace period inside a step: not an outcome
            return;
        }
        finished.syncResult().ifPresent(result -> destination(managed.app()).ifPresent(d -> d.cache().reread(written(result))));
        Optional<ManagedApp.Requested> retry;
        synchronized (managed) {
            retry = retries.after(requested, finished, managed.terminateRequested);
            managed.requested = retry;
        }
        if (retry.isPresent()) {
            core.publish(managed, managed.status().withOperationState(retry.get().failedAttempt()));
            retries.schedule(managed, retry.get());
        } else {
            finished = OperationRetries.completed(finished);
            record(managed, requested.operation(), finished);
            requested.result().complete(finished);
        }
        core.compareSoon(managed.app().name());
    }

    /**
     * The controller stopped the operation at a safe point: its stored state stays Running for the
     * next controller to resume; the caller's future is cancelled, saying so.
     */
    private void leaveRunning(ManagedApp managed, ManagedApp.Requested requested) {
        LOG.info("{}: the controller is stopping; the operation stays Running and the next controller to start runs it "
                + "again", managed.app().name());
        requested.result().completeExceptionally(new CancellationException("the controller stopped before operation of "
                + managed.app().name() + " completed; it stays Running and the next controller to start runs it again"));
    }

    /** One attempt of the operation: the first (its SyncStarted event told) or a retry. */
    private OperationState attempt(ManagedApp managed, ManagedApp.Requested requested) {
        Operation operation = requested.operation();
        Application app = managed.app();
        OperationState running = requested.failedAttempt().isPresent() ? OperationRetries.running(requested)
                : new OperationState(operation, OperationPhase.RUNNING, "", core.clock.instant(), Optional.empty(),
                        requested.retryCount(), Optional.empty());
        core.publish(managed, managed.status().withOperationState(Optional.of(running)));
        if (requested.failedAttempt().isEmpty()) {
            core.notifier.event(ApplicationEvent.Type.SYNC_STARTED, app.name(), operation.revision(),
                    (operation.initiatedBy().automated() ? "automated " : "") + (operation.dryRun() ? "dry run" : "sync")
                            + " started" + (operation.revision().isEmpty() ? "" : " to " + operation.revision()));
        }
        try {
            return sync(managed, operation, running);
        } catch (SafePoints.CutOff e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("{}: the operation failed unexpectedly", app.name(), e);
            return end(running, OperationPhase.ERROR, "the operation failed: " + e, Optional.empty());
        }
    }

    private OperationState sync(ManagedApp managed, Operation operation, OperationState running) {
        Application app = managed.app();
        if (managed.terminateRequested) {
            return end(running, OperationPhase.FAILED, "Operation terminated before it started", Optional.empty());
        }
        DestinationClusters.Target destination;
        try {
            destination = core.destinations.of(app);
        } catch (DestinationClusters.Unavailable e) {
            return end(running, OperationPhase.ERROR, e.getMessage(), Optional.empty());
        }
        ApplicationSource base = operation.source().orElse(app.source());
        ApplicationSource source = operation.revision().isEmpty() ? base : base.withTargetRevision(operation.revision());
        TargetState target;
        try {
            target = target(managed, destination, operation, source, running.startedAt());
        } catch (GitOpsException | UncheckedIOException e) {
            return end(running, OperationPhase.ERROR, "ComparisonError: " + e.getMessage(), Optional.empty());
        }
        Optional<PolicyVerdict> refused = core.gate.beforeSync(app, core.destinationOf(app), operation, target,
                ClusterScopes.of(destination.cluster()));
        if (refused.isPresent()) {
            return end(running, OperationPhase.FAILED, refused.get().message(), Optional.empty());
        }
        SyncRequest request = operation.request();
        SyncLock lock;
        try {
            lock = destination.engine().lock(app.name(), request);
        } catch (SyncInProgressException e) {
            return end(running, OperationPhase.FAILED, e.getMessage(), Optional.empty());
        }
        SyncResult result;
        AtomicReference<PolicyVerdict> stoppedBy = new AtomicReference<>();
        try (lock) {
            Comparison comparison = destination.states().compare(app, target.desired(), destination.cache());
            // the operation is retried as a whole (Argo CD's retry), so the sync itself retries no task
            SyncRequest once = core.states.withApplicationSettings(app, request).toBuilder().retry(RetryPolicy.NONE).build();
            SyncOperation sync = destination.engine().start(comparison, once, lock);
            synchronized (managed) {
                managed.running = Optional.of(sync);
                if (managed.terminateRequested) {
                    sync.terminate();
                }
            }
            result = sync.run(safePoints.around(core.gate.pacer(core.states.pacer(), app, operation,
                    running.startedAt(), () -> managed.running, stoppedBy)));
        }
        SyncOperationResult syncResult = new SyncOperationResult(target.revision(), base, result.resources(),
                target.revisions(), target.app().sources());
        return end(running, result.phase(), stoppedBy.get() == null ? result.message() : stoppedBy.get().message(),
                Optional.of(syncResult));
    }

    private Optional<DestinationClusters.Target> destination(Application app) {
        try {
            return Optional.of(core.destinations.of(app));
        } catch (DestinationClusters.Unavailable e) {
            return Optional.empty();
        }
    }

    /** The objects a sync created, changed or pruned. */
    private static List<ResourceKey> written(SyncOperationResult result) {
        return result.resources().stream()
                .filter(r -> r.action() == ResourceAction.CREATED || r.action() == ResourceAction.CONFIGURED
                        || r.action() == ResourceAction.PRUNED)
                .map(ResourceResult::key).distinct().toList();
    }

    /** What the operation syncs: the target just compared for an automated sync of its commit, else rendered now. */
    private TargetState target(ManagedApp managed, DestinationClusters.Target destination, Operation operation,
            ApplicationSource source, Instant startedAt) {
        Application app = managed.app();
        Optional<TargetState> compared = managed.target.filter(t -> operation.source().isEmpty()
                && operation.sources().isEmpty() && operation.revisions().isEmpty()
                && t.app().equals(app) && t.revision().equals(operation.revision()));
        if (compared.isPresent()) {
            return compared.get();
        }
        if ((app.hasMultipleSources() || !operation.sources().isEmpty()) && operation.source().isEmpty()) {
            // Argo CD's sync.sources and sync.revisions (a rollback's), else the spec's sources
            Application syncing = operation.sources().isEmpty() ? app : app.withSources(operation.sources());
            String revision = operation.revisions().isEmpty() ? operation.revision()
                    : SourceRevisions.join(operation.revisions());
            return core.render(destination.states(), syncing, core.states.resolveSources(syncing, revision, startedAt),
                    false);
        }
        if (!source.isHelmChartRepository() && !FULL_SHA.matcher(source.targetRevision()).matches()) {
            core.states.git().refresh(source.repoURL());   // a manual sync syncs what the branch names now
        }
        return core.render(destination.states(), app, source, core.states.resolve(source, startedAt), false);
    }

    private OperationState end(OperationState running, OperationPhase phase, String message,
            Optional<SyncOperationResult> result) {
        return new OperationState(running.operation(), phase, message, running.startedAt(),
                Optional.of(core.clock.instant()), running.retryCount(), result);
    }

    /** The operation state, history, last attempt, events and metrics of a completed operation. */
    private void record(ManagedApp managed, Operation operation, OperationState finished) {
        Application app = managed.app();
        String revision = finished.syncResult().map(SyncOperationResult::revision).orElse(operation.revision());
        ApplicationStatus status = managed.status().withOperationState(Optional.of(finished));
        if (operation.isWholeSync() && finished.phase() == OperationPhase.SUCCEEDED) {
            status = status.withHistory(withEntry(status.history(), app, finished, revision));
        }
        if ((operation.isWholeSync() || operation.initiatedBy().automated()) && !operation.dryRun()) {
            managed.lastAttempt = Optional.of(new SyncAttempt(revision, operation.source().orElse(app.source()),
                    finished.phase(), finished.message(), finished.finishedAt().orElse(core.clock.instant()),
                    operation.initiatedBy().automated() ? operation.selfHealAttemptsCount() : 0,
                    !operation.sources().isEmpty() ? operation.sources()
                            : operation.source().isEmpty() ? app.sources() : List.of()));
        }
        managed.compared = managed.compared.map(ManagedApp.Compared::liveChanged);
        core.publish(managed, status);
        core.save(managed);
        boolean succeeded = finished.phase() == OperationPhase.SUCCEEDED;
        core.notifier.event(succeeded ? ApplicationEvent.Type.SYNC_SUCCEEDED : ApplicationEvent.Type.SYNC_FAILED,
                app.name(), revision, (operation.dryRun() ? "Dry run" : "Sync operation") + " to "
                        + Notifier.shortSha(revision) + (succeeded ? " succeeded" : " failed: " + finished.message()));
        core.metrics.sync(app, finished.phase().displayName(), operation.dryRun());
    }

    private static List<RevisionHistory> withEntry(List<RevisionHistory> history, Application app,
            OperationState finished, String revision) {
        long id = history.isEmpty() ? 0 : history.get(history.size() - 1).id() + 1;
        List<RevisionHistory> entries = new ArrayList<>(history);
        entries.add(new RevisionHistory(id, revision, finished.operation().source().orElse(app.source()),
                finished.finishedAt().orElseThrow(), finished.startedAt(), finished.operation().initiatedBy(),
                finished.syncResult().map(SyncOperationResult::revisions).orElse(List.of()),
                finished.syncResult().map(SyncOperationResult::sources).orElse(List.of())));
        int limit = app.revisionHistoryLimit();
        return entries.subList(Math.max(0, entries.size() - limit), entries.size());
    }

    /**
     * An operation a stopped process left Running or Terminating: a failed one waiting for its
     * retry waits again until the retry is due; one that was running is run again from its start,
     * as Argo CD's controller resumes an operation whose phase is Running (its retry count kept: a
     * restart is no failed attempt); one left Terminating is completed as Error. Never dropped
     * silently.
     */
    void resumeInterrupted(ManagedApp managed) {
        Optional<OperationState> state = managed.status().operationState().filter(s -> !s.isCompleted());
        if (state.isEmpty() || managed.hasOperation()) {
            return;
        }
        OperationState interrupted = state.get();
        Operation operation = interrupted.operation();
        if (interrupted.phase() == OperationPhase.RUNNING && interrupted.finishedAt().isPresent()) {
            ManagedApp.Requested retry = retries.resumeWaiting(operation, interrupted);
            synchronized (managed) {
                managed.requested = Optional.of(retry);
            }
            retries.schedule(managed, retry);
            return;
        }
        if (interrupted.phase() == OperationPhase.RUNNING) {
            LOG.info("{}: running again the operation a stopped controller left Running (started {})",
                    managed.app().name(), interrupted.startedAt());
            synchronized (managed) {
                managed.requested = Optional.of(new ManagedApp.Requested(operation, new CompletableFuture<>(),
                        interrupted.retryCount()));
            }
            core.operateSoon(managed.app().name());
            return;
        }
        OperationState failed = new OperationState(operation, OperationPhase.ERROR,
                "the operation was interrupted while " + interrupted.phase().displayName()
                        + ": the process running it stopped; sync again", interrupted.startedAt(),
                Optional.of(core.clock.instant()), interrupted.retryCount(), interrupted.syncResult());
        LOG.warn("{}: {}", managed.app().name(), failed.message());
        record(managed, operation, failed);
    }
}
