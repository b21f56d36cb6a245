package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.RefreshType;
import io.gitops4j.core.reconcile.AppRevision;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.ResolvedRevision;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.project.PolicyVerdict;
import io.gitops4j.core.reconcile.AutoSyncDecision;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.health.ApplicationHealth;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.ResourceKey;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One comparison of one application, Argo CD's {@code processAppRefreshQueueItem}: resolve the
 * target revision (one {@code ls-remote} per repository per round), render it (not again for a
 * commit and spec already rendered, unless a hard refresh), compare with the live objects of the
 * cache, judge health, and decide on automated sync. Skipped altogether when the commit, the
 * spec and the resourceVersion of every live object compared are what the last comparison saw;
 * not compared again when a new commit renders exactly the objects last compared for a Synced
 * application whose live objects did not move (a commit elsewhere in a monorepo).
 * A failure to resolve or render keeps the last good status and target with a
 * {@code ComparisonError}, and syncs nothing: nothing is pruned.
 */
final class AppComparer {

    private static final Logger LOG = LoggerFactory.getLogger(AppComparer.class);

    private final ControllerCore core;

    AppComparer(ControllerCore core) {
        this.core = core;
    }

    void compare(ManagedApp managed, WorkQueue.Compare task) {
        Instant started = core.clock.instant();
        Application app = managed.app();
        DestinationClusters.Target destination;
        try {
            destination = core.destinations.of(app);
        } catch (DestinationClusters.Unavailable e) {
            unavailable(managed, e);
            return;
        }
        Optional<ApplicationStatus> invalid = core.gate.invalidSpec(app, core.destinationOf(app), managed.status());
        if (invalid.isPresent()) {
            managed.compared = Optional.empty();
            core.publish(managed, invalid.get());
            return;
        }
        AppRevision resolved;
        try {
            resolved = core.states.resolve(app, task.refsListedSince());
        } catch (GitOpsException | UncheckedIOException e) {
            failed(managed, "failed to resolve revision", e);
            return;
        }
        boolean hard = task.refresh() == RefreshType.HARD;
        Optional<ManagedApp.Compared> last = managed.compared;
        boolean sameTarget = !hard && managed.target.isPresent() && last.isPresent() && last.get().app().equals(app)
                && last.get().commit().equals(resolved.commit());
        if (sameTarget && last.get().liveVersions().equals(Optional.of(liveVersions(destination.cache(), app, managed.desiredKeys)))) {
            LOG.debug("{}: nothing moved since the last comparison", app.name());
            return;
        }
        TargetState target;
        try {
            target = sameTarget ? managed.target.get() : core.render(destination.states(), app, resolved, hard);
        } catch (GitOpsException | UncheckedIOException e) {
            failed(managed, "failed to render " + resolved.revision() + " (" + shortSha(resolved.commit()) + ")", e);
            return;
        }
        Set<ResourceKey> keys = desiredKeys(target);
        Map<ResourceKey, String> versions = liveVersions(destination.cache(), app, keys);
        if (!hard && onlyTheCommitMoved(managed, app, target, versions)) {
            LOG.debug("{}: {} renders what was compared; the comparison stands", app.name(), shortSha(resolved.commit()));
            managed.target = Optional.of(target);
            managed.compared = Optional.of(new ManagedApp.Compared(app, resolved.commit(), Optional.of(versions)));
            core.publish(managed, StatusFactory.sameComparisonAt(managed.status(), target, core.clock.instant()));
            core.metrics.reconcile(app, java.time.Duration.between(started, core.clock.instant()));
            return;
        }
        Comparison comparison = destination.states().compare(app, target.desired(), destination.cache());
        ApplicationHealth health = core.states.health(app.name(), comparison);
        Instant now = core.clock.instant();
        Optional<AutoSyncDecision> decision = managed.hasOperation() ? Optional.empty()
                : Optional.of(AutoSyncDecision.decide(app, target.revision(), comparison, managed.lastAttempt,
                        core.settings.selfHealBackoff(), now));
        List<Condition> extra = new ArrayList<>();
        decision.flatMap(AutoSyncDecision::syncError).ifPresent(m -> extra.add(new Condition(ConditionType.SYNC_ERROR,
                m, now)));
        extra.addAll(core.excluded.conditions(app.name(), now));
        core.pauses.condition(app.name()).ifPresent(extra::add);
        boolean paused = core.pauses.of(app.name()).isPresent();
        Optional<PolicyVerdict> held = paused ? Optional.empty()
                : decision.filter(AutoSyncDecision::sync).flatMap(d -> core.gate.holdAutomated(managed));
        held.ifPresent(v -> extra.add(new Condition(ConditionType.SYNC_ERROR, v.message(), now)));
        ApplicationStatus status = StatusFactory.compared(app, target, comparison, health, managed.status(), extra, now);
        managed.target = Optional.of(target);
        managed.compared = Optional.of(new ManagedApp.Compared(app, resolved.commit(), Optional.of(versions)));
        core.desiredKeys(managed, keys);
        core.publish(managed, status);
        decision.filter(d -> !paused && held.isEmpty()).ifPresent(d -> act(managed, target, d));
        core.metrics.reconcile(app, java.time.Duration.between(started, core.clock.instant()));
    }

    /**
     * Whether a new commit renders exactly the objects of the last comparison of a Synced
     * application with no condition, and no live object moved: the comparison would be the same
     * (a commit elsewhere in a monorepo), so it is not made again.
     */
    private static boolean onlyTheCommitMoved(ManagedApp managed, Application app, TargetState target,
            Map<ResourceKey, String> versions) {
        Optional<ManagedApp.Compared> last = managed.compared;
        ApplicationStatus status = managed.status();
        return last.isPresent() && last.get().app().equals(app)
                && last.get().liveVersions().equals(Optional.of(versions))
                && status.sync().status() == SyncStatusCode.SYNCED && status.conditions().isEmpty()
                && managed.target.isPresent()
                && managed.target.get().desired().objects().equals(target.desired().objects());
    }

    /** Starts the automated sync, or sets a timer for self-heal's backoff. */
    private void act(ManagedApp managed, TargetState target, AutoSyncDecision decision) {
        Application app = managed.app();
        LOG.debug("{} at {}: {}", app.name(), shortSha(target.revision()), decision.reason());
        if (decision.sync()) {
            int selfHeals = decision.selfHeal()
                    ? managed.lastAttempt.map(SyncAttempt::selfHealAttempts).orElse(0) + 1 : 0;
            Operation operation = new Operation(target.revision(), Optional.empty(), app.automated().prune(),
                    app.automated().allowEmpty(), false, List.copyOf(decision.resources()), List.of(),
                    InitiatedBy.AUTOMATED, app.syncPolicy().automatedRetry(), selfHeals);
            core.operations().request(managed, operation);
        } else {
            decision.retryIn().ifPresent(wait -> core.scheduler.schedule(core.clock.instant().plus(wait), () -> {
                managed.compared = managed.compared.map(ManagedApp.Compared::liveChanged);
                core.compareSoon(app.name());
            }));
        }
    }

    private void failed(ManagedApp managed, String what, RuntimeException e) {
        String message = what + ": " + e.getMessage();
        LOG.warn("{}: {}; the last good state is kept and nothing is synced", managed.app().name(), message);
        managed.compared = Optional.empty();
        core.publish(managed, StatusFactory.withCondition(managed.status(), ConditionType.COMPARISON_ERROR, message,
                core.clock.instant()));
    }

    /** The destination cluster cannot be used: Unknown, with why, the last resources kept; nothing synced or pruned. */
    private void unavailable(ManagedApp managed, DestinationClusters.Unavailable e) {
        String message = e.getMessage();
        LOG.warn("{}: {}", managed.app().name(), message);
        managed.compared = Optional.empty();
        ApplicationStatus previous = managed.status();
        ApplicationStatus unknown = StatusFactory.unknown(previous);
        core.publish(managed, StatusFactory.withCondition(unknown, e.conditionType(), message,
                core.clock.instant()));
    }

    private static Set<ResourceKey> desiredKeys(TargetState target) {
        Set<ResourceKey> keys = new HashSet<>();
        for (ObjectNode object : target.desired().objects()) {
            if (!Hooks.isHook(object)) {
                keys.add(ResourceKey.of(object));
            }
        }
        return keys;
    }

    /** The resourceVersion of every live object a comparison reads: the desired ones' and the tracked ones'. */
    private static Map<ResourceKey, String> liveVersions(LiveStateCache cache, Application app, Set<ResourceKey> desired) {
        Map<ResourceKey, String> versions = new HashMap<>();
        desired.forEach(key -> versions.put(key, cache.resourceVersion(key)));
        cache.keysTrackedBy(app.name()).forEach(key -> versions.put(key, cache.resourceVersion(key)));
        return versions;
    }

    private static String shortSha(String revision) {
        return Notifier.shortSha(revision);
    }
}
