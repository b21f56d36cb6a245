package io.gitops4j.k8s.sync.engine.internal;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.hooks.HookDeletePolicy;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.sync.ApplicationCondition;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.kube.GitOpsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one sync operation, gitops-engine's sync loop: each {@link #step()} plans (once),
 * dry runs every task (until it passes), brings running tasks up to date, and then either waits
 * (running resources of a multi-step sync, running hooks, objects being pruned, a retry), fails
 * (running the SyncFail hooks), succeeds, or runs the next wave. Not API: use
 * {@link io.gitops4j.k8s.sync.engine.SyncOperation}. Thread-safe (one step at a time).
 */
public final class SyncStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(SyncStateMachine.class);

    private final Comparison comparison;
    private final SyncRequest request;
    private final Clock clock;
    private final Duration pollInterval;
    private final TaskPlanner planner;
    private final TaskRunner runner;
    private final TaskRefresher refresher;
    private final HookObjects hooks;
    private final Instant startedAt;
    private final List<String> warnings = new ArrayList<>();

    private List<SyncTask> tasks;
    private boolean dryRunPassed;
    private boolean failing;
    private boolean terminating;
    private String terminationReason = "Operation terminated";
    private int retries;
    private Instant retryAt;
    private Instant nextStepAt;
    private Instant finishedAt;
    private OperationPhase phase = OperationPhase.RUNNING;
    private String message = "starting";

    /**
     * @param pollInterval how long to wait before looking again at resources that are not healthy yet
     */
    public SyncStateMachine(Cluster cluster, HealthAssessor health, Clock clock, Duration pollInterval,
            Comparison comparison, SyncRequest request) {
        this.comparison = comparison;
        this.request = request;
        this.clock = clock;
        this.pollInterval = pollInterval;
        String fieldManager = comparison.target().fieldManager();
        this.hooks = new HookObjects(cluster, fieldManager);
        this.planner = new TaskPlanner(cluster, comparison.target());
        this.runner = new TaskRunner(new ObjectWriter(cluster, fieldManager), new Pruner(cluster), hooks);
        this.refresher = new TaskRefresher(health, hooks);
        this.startedAt = clock.instant();
        this.nextStepAt = startedAt;
    }

    /** Takes the next step and returns the state after it; a completed operation is returned as it is. */
    public synchronized SyncResult step() {
        if (phase.isCompleted()) {
            return result();
        }
        Instant now = clock.instant();
        nextStepAt = now;
        try {
            if (terminating) {
                terminate(now);
            } else if (retryAt != null && now.isBefore(retryAt)) {
                nextStepAt = retryAt;
            } else {
                retryAt = null;
                if (prepare(now)) {
                    advance(now);
                }
            }
        } catch (ClusterException e) {
            if (!scheduleRetry(List.of(), Optional.of(e), now)) {
                complete(OperationPhase.ERROR, "the cluster could not be read or written: " + e.getMessage(), now);
            }
        } catch (GitOpsException e) {
            complete(OperationPhase.ERROR, e.getMessage(), now);
        } catch (RuntimeException e) {
            LOG.error("{}: the sync operation met an unexpected error", comparison.appName(), e);
            complete(OperationPhase.ERROR, "unexpected error (a GitOps4J bug, please report it): " + e, now);
        }
        return result();
    }

    /** The state now, without taking a step. */
    public synchronized SyncResult result() {
        boolean completed = phase.isCompleted();
        List<ResourceResult> resources = tasks == null ? List.of()
                : tasks.stream().map(t -> t.result(completed)).toList();
        return new SyncResult(phase, message, resources, startedAt, Optional.ofNullable(finishedAt), retries, warnings,
                comparison.conditions());
    }

    /** When the next step has something to do: now, after the poll interval, or when a retry is due. */
    public synchronized Instant nextStepAt() {
        return nextStepAt;
    }

    /** Whether the operation is over. */
    public synchronized boolean isCompleted() {
        return phase.isCompleted();
    }

    /** Asks the operation to stop: the next step deletes running hooks and fails the operation. */
    public synchronized void terminate() {
        terminate("Operation terminated");
    }

    /** As {@link #terminate()}, with the message the operation ends with when termination goes cleanly. */
    public synchronized void terminate(String reason) {
        if (!phase.isCompleted()) {
            terminationReason = reason;
            terminating = true;
            phase = OperationPhase.TERMINATING;
            message = "terminating";
        }
    }

    /** Plans once and dry runs until the dry run passes; false when the operation ended or waits. */
    private boolean prepare(Instant now) {
        if (tasks == null && refusedForSharedResources(now)) {
            return false;
        }
        if (tasks == null) {
            TaskPlanner.Plan plan = planner.plan(comparison, request, startedAt);
            tasks = new ArrayList<>(plan.tasks());
            warnings.addAll(plan.warnings());
            List<SyncTask> invalid = tasks.stream().filter(SyncTask::completed).toList();
            if (!invalid.isEmpty()) {
                complete(OperationPhase.FAILED, "one or more synchronization tasks are not valid" + reasons(invalid), now);
                return false;
            }
        }
        if (dryRunPassed) {
            return true;
        }
        if (!runner.dryRun(tasks, request, comparison.gitIsEmpty(), now, request.dryRun())) {
            List<SyncTask> failed = tasks.stream().filter(t -> t.status() == OperationPhase.FAILED).toList();
            // Tasks whose dry run passed are still pending (nothing about them was recorded), so
            // they show as not run, and a retry dry runs every task again from the same state.
            if (!scheduleRetry(failed, Optional.empty(), now)) {
                complete(OperationPhase.FAILED, "one or more objects failed to apply (dry run)" + reasons(failed), now);
            }
            return false;
        }
        dryRunPassed = true;
        if (request.dryRun()) {
            complete(OperationPhase.SUCCEEDED, "dry run succeeded: " + summary(), now);
            return false;
        }
        return true;
    }

    /**
     * Argo CD's {@code FailOnSharedResource=true}: a resource another application also claims
     * fails the sync before anything is planned or written.
     */
    private boolean refusedForSharedResources(Instant now) {
        List<ApplicationCondition> shared = comparison.conditions(ApplicationCondition.Type.SHARED_RESOURCE_WARNING);
        if (shared.isEmpty() || !request.syncOptions().failOnSharedResource()) {
            return false;
        }
        tasks = List.of();
        complete(OperationPhase.FAILED, "Shared resource found: " + shared.stream().map(ApplicationCondition::message)
                .collect(Collectors.joining("; ")) + " (sync option " + SyncOption.FAIL_ON_SHARED_RESOURCE.enabled() + ")",
                now);
        return true;
    }

    private void advance(Instant now) {
        runner.recreate(tasks, request, startedAt, now);
        boolean multiStep = multiStep(tasks);
        // Only what the operation waits for is read again: in a single-step sync, as in Argo CD,
        // resources succeed once applied, so their health is neither polled nor timed out.
        List<SyncTask> waitedFor = tasks.stream()
                .filter(t -> multiStep || t.isHook() || t.isPrune() || t.awaitsRecreation()).toList();
        refresher.refresh(waitedFor, request, startedAt, now);
        List<SyncTask> waiting = waitedFor.stream().filter(SyncTask::running).toList();
        if (!waiting.isEmpty()) {
            running(waiting, now.plus(pollInterval));
            return;
        }
        for (SyncTask task : tasks) {
            if (task.isHook() && task.completed()) {
                releaseHookFinalizer(task);
            }
        }
        List<SyncTask> syncFail = tasks.stream().filter(t -> t.phase() == SyncPhase.SYNC_FAIL).toList();
        List<SyncTask> regular = tasks.stream().filter(t -> t.phase() != SyncPhase.SYNC_FAIL).toList();
        List<SyncTask> unsuccessful = regular.stream().filter(t -> t.completed() && !t.successful()).toList();
        if (!unsuccessful.isEmpty()) {
            fail(syncFail, unsuccessful, "one or more synchronization tasks completed unsuccessfully", now);
            return;
        }
        List<SyncTask> pending = regular.stream().filter(SyncTask::pending).toList();
        if (pending.isEmpty()) {
            succeed("successfully synced (no more tasks)", now);
            return;
        }
        SyncPhase wavePhase = pending.get(0).phase();
        int wave = pending.get(0).wave();
        List<SyncTask> waveTasks = pending.stream().filter(t -> t.phase() == wavePhase && t.wave() == wave).toList();
        boolean lastWave = pending.stream().allMatch(t -> t.phase() == wavePhase && t.wave() == wave && !t.isHook());
        phase = OperationPhase.RUNNING;
        message = "one or more tasks are running";
        LOG.debug("{}: running {} wave {} ({} tasks)", comparison.appName(), wavePhase.displayName(), wave, waveTasks.size());
        switch (runner.run(waveTasks, request, comparison.gitIsEmpty(), now)) {
            case FAILED -> fail(syncFail, waveTasks.stream().filter(t -> t.status() == OperationPhase.FAILED).toList(),
                    "one or more objects failed to apply", now);
            case PENDING -> running(waveTasks.stream()
                    .filter(t -> t.awaitsRecreation() || (t.live().isPresent() && t.isHook())).toList(),
                    now.plus(pollInterval));
            case SUCCESSFUL -> {
                if (lastWave) {
                    succeed("successfully synced (all tasks run)", now);
                } else {
                    message = "waiting for the next wave";
                }
            }
        }
    }

    /** The operation failed: retry when every failure may pass, else run the SyncFail hooks, then fail. */
    private void fail(List<SyncTask> syncFail, List<SyncTask> failed, String reason, Instant now) {
        if (scheduleRetry(failed, Optional.empty(), now)) {
            return;
        }
        failing = true;
        deleteHooks(HookDeletePolicy.HOOK_FAILED);
        String failure = reason + reasons(failed);
        List<SyncTask> pendingHooks = syncFail.stream().filter(SyncTask::pending).toList();
        if (syncFail.isEmpty() || syncFail.stream().allMatch(SyncTask::completed)) {
            boolean hookFailed = syncFail.stream().anyMatch(t -> !t.successful());
            complete(OperationPhase.FAILED, failure + (hookFailed ? "; one or more SyncFail hooks failed" : ""), now);
        } else if (!pendingHooks.isEmpty() && runner.run(pendingHooks, request, false, now) == TaskRunner.RunState.FAILED) {
            complete(OperationPhase.FAILED, failure + "; one or more SyncFail hooks failed" + reasons(pendingHooks), now);
        } else {
            phase = OperationPhase.RUNNING;
            message = failure + "; running SyncFail hooks";
            nextStepAt = now.plus(pollInterval);
        }
    }

    /**
     * Schedules a retry of failed tasks (or of the step that met {@code error}) when every
     * failure is transient and the retry policy allows one more.
     */
    private boolean scheduleRetry(List<SyncTask> failed, Optional<ClusterException> error, Instant now) {
        if (failing || request.dryRun() || !request.retry().allowsRetry(retries)) {
            return false;
        }
        List<ClusterException> failures = new ArrayList<>();
        error.ifPresent(failures::add);
        for (SyncTask task : failed) {
            if (task.failure().isEmpty()) {
                return false;
            }
            failures.add(task.failure().get());
        }
        if (failures.isEmpty() || !failures.stream().allMatch(Transience::isTransient)) {
            return false;
        }
        Duration wait = request.retry().backoff(retries);
        for (ClusterException failure : failures) {
            Duration asked = failure.retryAfter().orElse(Duration.ZERO);
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        if (request.timeout().isPresent() && now.plus(wait).isAfter(startedAt.plus(request.timeout().get()))) {
            return false;
        }
        retries++;
        for (SyncTask task : failed) {
            task.reset();
            task.live(hooks.get(task.object()).orElse(null));
        }
        retryAt = now.plus(wait);
        nextStepAt = retryAt;
        phase = OperationPhase.RUNNING;
        message = "retrying in " + TaskRefresher.describe(wait) + " (retry " + retries
                + (request.retry().limit() < 0 ? "" : " of " + request.retry().limit()) + "): "
                + failures.get(0).getMessage();
        LOG.info("{}: {}", comparison.appName(), message);
        return true;
    }

    private void succeed(String reason, Instant now) {
        deleteHooks(HookDeletePolicy.HOOK_SUCCEEDED);
        for (SyncTask task : tasks) {
            if (task.running() && !task.isHook()) {
                task.status(OperationPhase.SUCCEEDED, "");
            }
        }
        complete(OperationPhase.SUCCEEDED, reason + ": " + summary(), now);
    }

    private void deleteHooks(HookDeletePolicy policy) {
        for (SyncTask task : tasks) {
            if (task.isHook() && task.live().isPresent() && !task.running() && task.hasDeletePolicy(policy)) {
                try {
                    hooks.delete(task.live().get());
                    task.live(null);
                } catch (ClusterException e) {
                    task.status(OperationPhase.ERROR, "failed to delete the hook (" + policy.argoName() + "): "
                            + e.getMessage());
                }
            }
        }
    }

    private void terminate(Instant now) {
        boolean clean = true;
        for (SyncTask task : tasks == null ? List.<SyncTask>of() : tasks) {
            if (!task.isHook() || task.live().isEmpty()) {
                continue;
            }
            try {
                if (task.running()) {
                    hooks.delete(task.live().get());
                    task.status(OperationPhase.SUCCEEDED, "deleted: the sync was terminated");
                } else {
                    hooks.removeFinalizer(task.live().get());
                }
            } catch (ClusterException e) {
                task.status(OperationPhase.FAILED, "failed to delete: " + e.getMessage());
                clean = false;
            }
        }
        complete(clean ? OperationPhase.FAILED : OperationPhase.ERROR,
                clean ? terminationReason : "Operation termination had errors (" + terminationReason + ")", now);
    }

    private void running(List<SyncTask> waiting, Instant next) {
        phase = OperationPhase.RUNNING;
        nextStepAt = next;
        if (waiting.isEmpty()) {
            return;
        }
        SyncTask first = waiting.get(0);
        String what = first.awaitsRecreation() ? "deletion (to create it again, " + SyncOption.FORCE.enabled() + ") of"
                : first.isPrune() || first.action() == ResourceAction.NOT_RUN ? "deletion of"
                : first.isHook() ? "completion of hook" : "healthy state of";
        message = "waiting for " + what + " " + first.key()
                + (waiting.size() > 1 ? " and " + (waiting.size() - 1) + " more" : "");
    }

    private void complete(OperationPhase result, String text, Instant now) {
        releaseHookFinalizers();
        settleRunningTasks(result);
        phase = result;
        message = text;
        finishedAt = now;
        nextStepAt = now;
        LOG.info("{}: {} {}", comparison.appName(), result.displayName(), text);
    }

    /**
     * When the operation ends, no task is left Running: each gets a final status from what the
     * sync saw of it ({@link TaskRefresher#settle}).
     */
    private void settleRunningTasks(OperationPhase result) {
        if (tasks == null) {
            return;
        }
        String ending = terminating ? "the sync was terminated"
                : result == OperationPhase.ERROR ? "the sync stopped on an error"
                : result == OperationPhase.FAILED ? "the sync failed" : "the sync ended";
        boolean healthAwaited = multiStep(tasks);
        for (SyncTask task : tasks) {
            refresher.settle(task, healthAwaited, ending);
        }
    }

    /** Takes the hook finalizer off a hook that still carries it; the hook's object is read back. */
    private void releaseHookFinalizer(SyncTask task) {
        if (task.live().filter(Hooks::hasHookFinalizer).isPresent()) {
            task.live(hooks.removeFinalizer(task.live().get()).orElse(null));
        }
    }

    /**
     * When the operation ends, however it ends: no hook keeps the finalizer that stops it being
     * deleted before its outcome is read (a hook still running when a sync fails would otherwise
     * keep it for good).
     */
    private void releaseHookFinalizers() {
        for (SyncTask task : tasks == null ? List.<SyncTask>of() : tasks) {
            if (!task.isHook()) {
                continue;
            }
            try {
                releaseHookFinalizer(task);
            } catch (ClusterException e) {
                warnings.add("the hook finalizer could not be removed from " + task.key() + ": " + e.getMessage());
            }
        }
    }

    private static boolean multiStep(List<SyncTask> tasks) {
        if (tasks.isEmpty()) {
            return false;
        }
        SyncTask first = tasks.get(0);
        SyncTask last = tasks.get(tasks.size() - 1);
        return first.phase() != last.phase() || first.wave() != last.wave();
    }

    private String summary() {
        long changed = tasks.stream().filter(t -> !t.isHook() && (t.action() == ResourceAction.CREATED
                || t.action() == ResourceAction.CONFIGURED || t.action() == ResourceAction.PRUNED)).count();
        long resources = tasks.stream().filter(t -> !t.isHook()).count();
        long hookRuns = tasks.stream().filter(t -> t.isHook() && t.action() != ResourceAction.NOT_RUN).count();
        return changed + " of " + resources + " resources changed" + (hookRuns == 0 ? "" : ", " + hookRuns + " hooks run");
    }

    private static String reasons(List<SyncTask> failed) {
        return failed.isEmpty() ? "" : ": " + failed.stream().map(t -> t.key() + ": " + t.message())
                .collect(Collectors.joining("; "));
    }
}
