package io.gitops4j.core.reconcile;

import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.kube.ResourceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether an application syncs on its own, by Argo CD's automated sync rules (its controller's
 * {@code autoSync}):
 * <ul>
 *   <li>nothing to do when automated sync is off or everything is in sync;
 *   <li>never when Git is empty, unless {@code allowEmpty} (it would delete everything);
 *   <li>not when the only differences are resources to prune and automated prune is off;
 *   <li>a revision is synced automatically once: if that sync failed, it is not retried (a
 *       {@code SyncError} says so until Git moves on or someone syncs by hand), and if it
 *       succeeded, only self-heal syncs it again when the live state drifts; self-heal syncs the
 *       resources that drifted (no hooks), after the {@link SelfHealBackoff} since the last sync.
 * </ul>
 * What counts as "the last sync" is the {@link SyncAttempt}: dry runs and selective syncs never do.
 *
 * @param sync whether to sync now
 * @param reason why, in words for a log or a UI
 * @param resources the resources to sync; empty for all (self-heal syncs only what drifted)
 * @param selfHeal whether the sync is a self-heal (its attempt count goes up)
 * @param retryIn when self-heal is backing off: how long until it may sync
 * @param syncError the message of Argo CD's {@code SyncError} condition, when the rules refuse
 *     a sync the user should hear about
 */
public record AutoSyncDecision(boolean sync, String reason, Set<ResourceKey> resources, boolean selfHeal,
        Optional<Duration> retryIn, Optional<String> syncError) {

    /**
     * Copies the resources.
     *
     * @param sync whether to sync now
     * @param reason why, in words for a log or a UI
     * @param resources the resources to sync; empty for all (self-heal syncs only what drifted)
     * @param selfHeal whether the sync is a self-heal (its attempt count goes up)
     * @param retryIn when self-heal is backing off: how long until it may sync
     * @param syncError the message of Argo CD's {@code SyncError} condition, when the rules refuse a sync
     *     the user should hear about
     */
    public AutoSyncDecision {
        resources = Set.copyOf(resources);
    }

    private static AutoSyncDecision skip(String reason) {
        return new AutoSyncDecision(false, reason, Set.of(), false, Optional.empty(), Optional.empty());
    }

    private static AutoSyncDecision refuse(String reason, String syncError) {
        return new AutoSyncDecision(false, reason, Set.of(), false, Optional.empty(), Optional.of(syncError));
    }

    /**
     * @param app the application, with its automated policy and source
     * @param revision the commit compared
     * @param comparison the comparison of that commit with the cluster
     * @param lastAttempt the last sync that counts for automated sync, if any
     * @param backoff how self-heal backs off
     * @param now the time on the controller's clock
     * @return whether to sync, why, and which resources (all, or those that drifted for self-heal)
     */
    public static AutoSyncDecision decide(Application app, String revision, Comparison comparison,
            Optional<SyncAttempt> lastAttempt, SelfHealBackoff backoff, Instant now) {
        AutomatedSync policy = app.automated();
        if (!policy.enabled()) {
            return skip("automated sync is off");
        }
        if (comparison.status() == SyncStatus.SYNCED) {
            return skip("already in sync");
        }
        if (comparison.gitIsEmpty() && !policy.allowEmpty()) {
            String message = "skipped: Git holds no objects (hooks aside) and an automated sync would delete every "
                    + "resource; set allowEmpty to allow it";
            return refuse(message, "Skipping sync attempt to " + shortSha(revision) + ": auto-sync will wipe out all "
                    + "resources (set spec.syncPolicy.automated.allowEmpty to allow it)");
        }
        boolean onlyPruning = comparison.outOfSync().stream().allMatch(r -> r.status() == SyncStatus.EXTRANEOUS);
        if (onlyPruning && !policy.prune()) {
            return skip("skipped: only extraneous resources to prune, and automated prune is off");
        }
        if (lastAttempt.isPresent() && lastAttempt.get().isOf(revision, app)) {
            return again(policy, revision, comparison, lastAttempt.get(), backoff, now);
        }
        return new AutoSyncDecision(true, "new revision " + shortSha(revision), Set.of(), false, Optional.empty(),
                Optional.empty());
    }

    /** The revision was synced before: never again after a failure, only by self-heal after a success. */
    private static AutoSyncDecision again(AutomatedSync policy, String revision, Comparison comparison,
            SyncAttempt last, SelfHealBackoff backoff, Instant now) {
        if (!last.succeeded()) {
            return refuse("skipped: the previous sync to " + shortSha(revision) + " failed; fix Git or sync by hand",
                    "Failed last sync attempt to " + shortSha(revision) + ": " + last.message());
        }
        if (!policy.selfHeal()) {
            return skip("skipped: " + shortSha(revision) + " was already synced and self-heal is off");
        }
        Duration remaining = backoff.delay(last.selfHealAttempts()).minus(Duration.between(last.finishedAt(), now));
        if (!remaining.isNegative() && !remaining.isZero()) {
            return new AutoSyncDecision(false, "self-heal backing off: " + last.selfHealAttempts()
                    + " self-heal syncs of " + shortSha(revision) + " ran; the next may run in " + remaining,
                    Set.of(), false, Optional.of(remaining), Optional.empty());
        }
        Set<ResourceKey> drifted = comparison.outOfSync().stream().map(ResourceState::key)
                .collect(Collectors.toCollection(TreeSet::new));
        return new AutoSyncDecision(true, "self-heal: the live state drifted from " + shortSha(revision) + " ("
                + drifted.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")", drifted, true,
                Optional.empty(), Optional.empty());
    }

    private static String shortSha(String revision) {
        return revision.substring(0, Math.min(7, revision.length()));
    }
}
