package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brings running tasks up to date with the cluster, as Argo CD judges them: a resource succeeds
 * once Healthy (or when its kind has no health) and fails when Degraded; a hook succeeds when
 * Healthy or without health, runs while Progressing or Suspended, fails when Degraded or Unknown;
 * a pruned object succeeds once it is gone. A task still running past its deadline (the wave
 * timeout from when it started running, or the sync's timeout) fails. Tasks whose object is
 * being deleted to be created again are the {@link TaskRunner}'s.
 */
final class TaskRefresher {

    private final HealthAssessor health;
    private final HookObjects objects;

    TaskRefresher(HealthAssessor health, HookObjects objects) {
        this.health = health;
        this.objects = objects;
    }

    void refresh(List<SyncTask> tasks, SyncRequest request, Instant startedAt, Instant now) {
        for (SyncTask task : tasks) {
            if (!task.running() || task.awaitsRecreation()) {
                continue;
            }
            if (task.isPrune()) {
                Optional<ObjectNode> current = read(task);
                if (current.isEmpty()) {
                    task.status(OperationPhase.SUCCEEDED, "pruned");
                    continue;
                }
                task.live(current.get());
            } else if (!judge(task, task.live().orElse(null)) || failedOnAStaleObject(task)) {
                Optional<ObjectNode> current = read(task);
                if (current.isEmpty()) {
                    task.status(OperationPhase.FAILED, task.key() + " was deleted while the sync waited for it");
                    continue;
                }
                task.live(current.get());
                judge(task, current.get());
            }
            Instant deadline = deadline(task, request, startedAt);
            if (task.running() && !now.isBefore(deadline)) {
                task.status(OperationPhase.FAILED, "timed out after " + describe(Duration.between(task.runningSince(),
                        now)) + " waiting for " + (task.isPrune() ? "deletion" : task.isHook() ? "the hook to complete"
                        : "a healthy state") + (task.message().isEmpty() ? "" : " (" + task.message() + ")"));
            }
        }
    }

    /**
     * Gives a task that still runs when its operation ends a final status without reading the
     * cluster: a prune, or a resource whose health the sync did not wait for ({@code healthAwaited}
     * false: a single-wave sync), succeeded once its write was accepted, as in Argo CD; otherwise
     * the object as last read decides, and one that showed no outcome yet is Unknown. An object
     * {@code Force=true} deleted and has not created again yet failed: it is gone.
     *
     * @param ending why the operation ended, for the message: "the sync failed", ...
     */
    void settle(SyncTask task, boolean healthAwaited, String ending) {
        if (!task.running()) {
            return;
        }
        String seen = task.message().isEmpty() ? "" : task.message() + "; ";
        if (task.awaitsRecreation()) {
            task.status(OperationPhase.FAILED, seen + "not created again: " + ending + " first");
            return;
        }
        if (task.isPrune() || (!task.isHook() && !healthAwaited)) {
            task.status(OperationPhase.SUCCEEDED, "");
            return;
        }
        if (judge(task, task.live().orElse(null))) {
            return;
        }
        seen = task.message().isEmpty() ? "" : task.message() + "; ";
        task.status(OperationPhase.UNKNOWN, seen + (task.isHook() ? "still running when " + ending
                + ", and no longer watched" : "not healthy yet when " + ending));
    }

    /**
     * Whether a failure was judged on the object as the comparison read it (the sync did not
     * write it): it may have recovered since, so it is read again before the wave fails on it.
     */
    private static boolean failedOnAStaleObject(SyncTask task) {
        return task.status() == OperationPhase.FAILED && task.action() == ResourceAction.UNCHANGED;
    }

    /**
     * The task's object as the cluster has it now; the last one read when the server answered
     * with a failure that may pass (429, 5xx: the deadline still applies). A server that cannot
     * be reached at all ends the step: the operation's retry policy decides what comes next, so
     * a sync that lost its server says so instead of waiting for health until its deadline.
     */
    private Optional<ObjectNode> read(SyncTask task) {
        try {
            return objects.get(task.object());
        } catch (ClusterException e) {
            if (!Transience.isTransient(e) || e.code() == ClusterException.UNREACHABLE) {
                throw e;
            }
            task.status(OperationPhase.RUNNING, "cannot read it now: " + e.getMessage());
            return task.live();
        }
    }

    /**
     * Sets a task's status from a live object's health.
     *
     * @return whether the verdict is final (no need to read the object again)
     */
    private boolean judge(SyncTask task, ObjectNode live) {
        if (live == null) {
            return false;
        }
        Optional<Health> verdict = health.assess(live);
        if (verdict.isEmpty()) {
            task.status(OperationPhase.SUCCEEDED, task.isHook() ? KubernetesObjects.name(live) + " created" : "");
            return true;
        }
        HealthStatus status = verdict.get().status();
        String message = verdict.get().toString();
        if (status == HealthStatus.HEALTHY) {
            task.status(OperationPhase.SUCCEEDED, message);
            return true;
        }
        if (status == HealthStatus.DEGRADED || (task.isHook() && status == HealthStatus.UNKNOWN)) {
            task.status(OperationPhase.FAILED, message);
            return true;
        }
        task.status(OperationPhase.RUNNING, message);
        return false;
    }

    /** When a running task fails: the wave timeout after it started running, or the sync's timeout. */
    static Instant deadline(SyncTask task, SyncRequest request, Instant startedAt) {
        Instant deadline = task.runningSince().plus(request.waveTimeout());
        if (task.phase() != SyncPhase.SYNC_FAIL && request.timeout().isPresent()) {
            Instant overall = startedAt.plus(request.timeout().get());
            deadline = overall.isBefore(deadline) ? overall : deadline;
        }
        return deadline;
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
