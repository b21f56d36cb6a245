package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.k8s.hooks.HookDeletePolicy;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Runs the tasks of one wave, as Argo CD does: prunes first, then deletes the objects hooks left
 * behind ({@code BeforeHookCreation}; the wave waits until they are gone), then applies, in
 * order. Every task of the wave is attempted even when one fails; the wave is pending while an
 * object {@code Force=true} deleted is still going away ({@link #recreate} creates it again).
 * Also runs the dry run of a whole sync.
 */
final class TaskRunner {

    /** How a wave went. */
    enum RunState { SUCCESSFUL, PENDING, FAILED }

    private final ObjectWriter writer;
    private final Pruner pruner;
    private final HookObjects hooks;

    TaskRunner(ObjectWriter writer, Pruner pruner, HookObjects hooks) {
        this.writer = writer;
        this.pruner = pruner;
        this.hooks = hooks;
    }

    RunState run(List<SyncTask> tasks, SyncRequest request, boolean gitIsEmpty, Instant now) {
        RunState state = RunState.SUCCESSFUL;
        for (SyncTask task : tasks) {
            if (task.isPrune() && !prune(task, request, gitIsEmpty, now)) {
                state = RunState.FAILED;
            }
        }
        if (state != RunState.SUCCESSFUL) {
            return state;
        }
        for (SyncTask task : tasks) {
            if (!task.isPrune() && task.live().isPresent()
                    && task.hasDeletePolicy(HookDeletePolicy.BEFORE_HOOK_CREATION)) {
                state = worse(state, deleteBeforeCreation(task));
            }
        }
        if (state != RunState.SUCCESSFUL) {
            return state;
        }
        for (SyncTask task : tasks) {
            if (!task.isPrune() && !apply(task, request, now)) {
                state = RunState.FAILED;
            }
        }
        return state == RunState.SUCCESSFUL && tasks.stream().anyMatch(SyncTask::awaitsRecreation)
                ? RunState.PENDING : state;
    }

    /**
     * Creates again the objects {@code Force=true} deleted that are gone now; one still there past
     * the task's deadline (the wave timeout, or the sync's) fails, naming what holds it.
     */
    void recreate(List<SyncTask> tasks, SyncRequest request, Instant startedAt, Instant now) {
        for (SyncTask task : tasks) {
            if (!task.awaitsRecreation()) {
                continue;
            }
            try {
                ObjectWriter.Written written = writer.createAgain(task, task.recreateAfter());
                task.live(written.live());
                if (!written.stillDeleting()) {
                    task.recreated(now);
                    task.done(written.action(), OperationPhase.RUNNING, written.message(), now);
                } else if (!now.isBefore(TaskRefresher.deadline(task, request, startedAt))) {
                    task.failedForGood(notGone(task, written.live(), now));
                }
            } catch (ClusterException e) {
                task.failed(e, "deleted (" + SyncOption.FORCE.enabled() + ") but not created again: " + e.getMessage());
            }
        }
    }

    private static String notGone(SyncTask task, ObjectNode remaining, Instant now) {
        JsonNode finalizers = remaining.path("metadata").path("finalizers");
        String holders = finalizers.isEmpty() ? "" : " (finalizers: " + StreamSupport.stream(finalizers.spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.joining(", ")) + ")";
        return "deleted (" + SyncOption.FORCE.enabled() + ") but still there after " + TaskRefresher.describe(
                Duration.between(task.runningSince(), now)) + holders + ", so it was not created again; "
                + "remove what keeps it, or wait until it is gone, then sync again (it was deleted after: "
                + task.recreateAfter() + ")";
    }

    /**
     * Dry runs every task that can be ({@code dryRun=All} on the server), recording failures;
     * with {@code record}, also what each task would do.
     *
     * @return whether every dry run passed
     */
    boolean dryRun(List<SyncTask> tasks, SyncRequest request, boolean gitIsEmpty, Instant now, boolean record) {
        boolean passed = true;
        for (SyncTask task : tasks) {
            try {
                if (task.isPrune()) {
                    Pruner.Pruned pruned = pruner.prune(task, request, gitIsEmpty, true);
                    if (record) {
                        task.done(pruned.action(), OperationPhase.SUCCEEDED, pruned.message(), now);
                    }
                } else if (task.skipDryRun()) {
                    if (record) {
                        task.done(task.inSync() ? ResourceAction.UNCHANGED
                                        : task.live().isPresent() ? ResourceAction.CONFIGURED : ResourceAction.CREATED,
                                OperationPhase.SUCCEEDED, task.inSync() ? "unchanged" : "not dry run: its namespace or "
                                        + "type is created by this sync, or an earlier hook object is replaced", now);
                    }
                } else {
                    ObjectWriter.Written written = writer.write(task, request, true, now);
                    if (record) {
                        task.done(written.action(), OperationPhase.SUCCEEDED, written.message(), now);
                    }
                }
            } catch (ClusterException e) {
                task.failed(e, e.getMessage());
                passed = false;
            }
        }
        return passed;
    }

    private boolean prune(SyncTask task, SyncRequest request, boolean gitIsEmpty, Instant now) {
        try {
            Pruner.Pruned pruned = pruner.prune(task, request, gitIsEmpty, false);
            task.done(pruned.action(), pruned.action() == ResourceAction.PRUNED ? OperationPhase.RUNNING
                    : OperationPhase.SUCCEEDED, pruned.message(), now);
            return true;
        } catch (ClusterException e) {
            task.failed(e, "prune failed: " + e.getMessage());
            return false;
        }
    }

    /** Deletes what an earlier run of a hook left; pending until it is gone. */
    private RunState deleteBeforeCreation(SyncTask task) {
        try {
            Optional<ObjectNode> current = hooks.get(task.live().orElseThrow());
            if (current.isPresent()) {
                hooks.delete(current.get());
                current = hooks.get(current.get());
            }
            task.live(current.orElse(null));
            return current.isPresent() ? RunState.PENDING : RunState.SUCCESSFUL;
        } catch (ClusterException e) {
            task.failed(e, "cannot delete the object an earlier run of this hook left (BeforeHookCreation): "
                    + e.getMessage());
            return RunState.FAILED;
        }
    }

    private boolean apply(SyncTask task, SyncRequest request, Instant now) {
        if (task.inSync()) {
            task.done(ResourceAction.UNCHANGED, OperationPhase.RUNNING, "unchanged", now);
            return true;
        }
        try {
            ObjectWriter.Written written = writer.write(task, request, false, now);
            task.live(written.live());
            task.done(written.action(), OperationPhase.RUNNING, written.message(), now);
            if (written.stillDeleting()) {
                task.awaitRecreation(written.recreateAfter());
            }
            return true;
        } catch (ClusterException e) {
            task.failed(e, e.getMessage());
            return false;
        }
    }

    private static RunState worse(RunState a, RunState b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
