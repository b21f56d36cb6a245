package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationRefusedException;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.project.DestinationCluster;
import io.gitops4j.core.project.PolicyVerdict;
import io.gitops4j.core.project.ProjectPolicy;
import io.gitops4j.core.project.SyncTrigger;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.kube.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's AppProject checks (see {@link ProjectPolicy}), at the points Argo CD makes
 * them: at every comparison the application's project, source and destination (a violation is an
 * {@code InvalidSpecError}, the application Unknown, nothing compared, synced or pruned); before
 * an automated sync is queued and when a manual one is asked for, the sync windows (an automated
 * sync they hold back gets a {@code SyncError} condition and a timer at the next window edge, so
 * it runs when the window opens); before a sync's first apply every check again, the rendered
 * objects' kinds and namespaces included; and between the steps of a running sync the windows,
 * with the sync's start time for {@code syncOverrun}. Without projects configured, nothing is
 * checked. Thread-safe.
 */
final class ProjectGate {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectGate.class);

    private final ControllerCore core;
    private final Optional<Supplier<ProjectPolicy>> policies;
    private final Map<String, Instant> wakeups = new ConcurrentHashMap<>();

    ProjectGate(ControllerCore core, Optional<Supplier<ProjectPolicy>> policies) {
        this.core = core;
        this.policies = policies;
    }

    private Optional<ProjectPolicy> policy() {
        return policies.map(Supplier::get);
    }

    /**
     * The status of an application its project refuses (Argo CD's {@code refreshAppConditions}
     * with errors): sync and health Unknown, an {@code InvalidSpecError} naming the project and
     * the rule; empty when the project permits it.
     */
    Optional<ApplicationStatus> invalidSpec(Application app, DestinationCluster cluster, ApplicationStatus previous) {
        Optional<PolicyVerdict> verdict = policy().map(p -> p.checkApplication(app, "", cluster)).filter(PolicyVerdict::blocked);
        return verdict.map(v -> {
            LOG.warn("{}: {}; nothing is compared or synced", app.name(), v.message());
            Instant now = core.clock.instant();
            ApplicationStatus unknown = StatusFactory.unknown(previous);
            return StatusFactory.withCondition(unknown, ConditionType.INVALID_SPEC_ERROR, v.message(), now);
        });
    }

    /**
     * Whether the sync windows hold back an automated sync now. When they do, a timer is set at the
     * next window edge that compares the application again (once per edge), and the verdict says why.
     */
    Optional<PolicyVerdict> holdAutomated(ManagedApp managed) {
        Optional<ProjectPolicy> policy = policy();
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        Application app = managed.app();
        PolicyVerdict verdict = policy.get().checkSyncWindows(app, SyncTrigger.AUTOMATED, Optional.empty());
        if (verdict.permitted()) {
            return Optional.empty();
        }
        LOG.info("{}: automated sync skipped: {}", app.name(), verdict.message());
        policy.get().nextWindowChange(app).ifPresent(edge -> wakeAt(managed, edge.plusSeconds(1)));
        return Optional.of(verdict);
    }

    private void wakeAt(ManagedApp managed, Instant at) {
        String name = managed.app().name();
        if (at.equals(wakeups.put(name, at))) {
            return;
        }
        core.scheduler.schedule(at, () -> {
            wakeups.remove(name, at);
            managed.compared = managed.compared.map(ManagedApp.Compared::liveChanged);
            core.compareSoon(name);
        });
    }

    /**
     * Refuses a manual sync the project forbids now (Argo CD's API server refuses it the same way).
     *
     * @throws OperationRefusedException naming the project and the rule
     */
    void refuseManual(Application app, DestinationCluster cluster) {
        Optional<ProjectPolicy> policy = policy();
        if (policy.isEmpty()) {
            return;
        }
        PolicyVerdict verdict = policy.get().checkApplication(app, "", cluster);
        if (verdict.permitted()) {
            verdict = policy.get().checkSyncWindows(app, SyncTrigger.MANUAL, Optional.empty());
        }
        if (verdict.blocked()) {
            throw new OperationRefusedException("cannot sync " + app.name() + ": " + verdict.message());
        }
    }

    /**
     * Every check before a sync's first apply: the application, the kind and namespace of every
     * object it would apply, and the sync windows for the operation's trigger. A blocked verdict
     * fails the sync with nothing applied and nothing pruned.
     */
    Optional<PolicyVerdict> beforeSync(Application app, DestinationCluster cluster, Operation operation,
            TargetState target, Predicate<ResourceKey> namespaced) {
        Optional<ProjectPolicy> policy = policy();
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        List<ResourceKey> keys = new ArrayList<>();
        for (ObjectNode object : target.desired().objects()) {
            ResourceKey key = ResourceKey.of(object);
            if (key.namespace().isEmpty() && namespaced.test(key)) {
                key = new ResourceKey(key.group(), key.kind(), app.destination().effectiveNamespace(), key.name());
            }
            keys.add(key);
        }
        PolicyVerdict verdict = policy.get().checkSync(app, cluster, trigger(operation), Optional.empty(), keys,
                namespaced);
        return verdict.blocked() ? Optional.of(verdict) : Optional.empty();
    }

    /**
     * A pacer that, before each step of a running sync, judges the sync windows again with the
     * sync's start time ({@code syncOverrun}); a window that now blocks terminates the sync, and
     * {@code stoppedBy} says which.
     */
    StepPacer pacer(StepPacer pacer, Application app, Operation operation, Instant startedAt,
            Supplier<Optional<SyncOperation>> sync, AtomicReference<PolicyVerdict> stoppedBy) {
        Optional<ProjectPolicy> policy = policy();
        if (policy.isEmpty()) {
            return pacer;
        }
        return next -> {
            pacer.waitUntil(next);
            PolicyVerdict verdict = policy.get().checkSyncWindows(app, trigger(operation), Optional.of(startedAt));
            if (verdict.blocked() && stoppedBy.compareAndSet(null, verdict)) {
                LOG.warn("{}: the running sync is stopped: {}", app.name(), verdict.message());
                sync.get().ifPresent(SyncOperation::terminate);
            }
        };
    }

    private static SyncTrigger trigger(Operation operation) {
        return operation.initiatedBy().automated() ? SyncTrigger.AUTOMATED : SyncTrigger.MANUAL;
    }
}
