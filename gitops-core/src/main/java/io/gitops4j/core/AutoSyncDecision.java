package io.gitops4j.core;

import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import java.util.Optional;

/**
 * Whether a reconcile syncs on its own, by Argo CD's automated sync rules:
 * <ul>
 *   <li>nothing to do when automated sync is off or everything is in sync;
 *   <li>never when Git is empty, unless {@code allowEmpty} (it would delete everything);
 *   <li>not when the only differences are resources to prune and automated prune is off;
 *   <li>a revision is synced automatically once: if that sync failed, it is not retried, and if
 *       it succeeded, only self-heal syncs it again when the live state drifts.
 * </ul>
 *
 * @param sync whether to sync
 * @param reason why, in words for a log or a UI
 */
record AutoSyncDecision(boolean sync, String reason) {

    static AutoSyncDecision decide(AutomatedSync policy, String revision, Comparison comparison,
            Optional<SyncRecord> lastSync) {
        if (!policy.enabled()) {
            return new AutoSyncDecision(false, "automated sync is off");
        }
        if (comparison.status() == SyncStatus.SYNCED) {
            return new AutoSyncDecision(false, "already in sync");
        }
        if (comparison.gitIsEmpty() && !policy.allowEmpty()) {
            return new AutoSyncDecision(false, "skipped: Git holds no objects (hooks aside) and an automated sync "
                    + "would delete every resource; set allowEmpty to allow it");
        }
        boolean onlyPruning = comparison.outOfSync().stream().allMatch(r -> r.status() == SyncStatus.EXTRANEOUS);
        if (onlyPruning && !policy.prune()) {
            return new AutoSyncDecision(false, "skipped: only extraneous resources to prune, and automated prune is off");
        }
        if (lastSync.isPresent() && lastSync.get().revision().equals(revision)) {
            if (!lastSync.get().succeeded()) {
                return new AutoSyncDecision(false, "skipped: the previous sync to " + shortSha(revision)
                        + " failed; fix Git or sync by hand");
            }
            if (!policy.selfHeal()) {
                return new AutoSyncDecision(false, "skipped: " + shortSha(revision)
                        + " was already synced and self-heal is off");
            }
            return new AutoSyncDecision(true, "self-heal: the live state drifted from " + shortSha(revision)
                    + " (" + describe(comparison) + ")");
        }
        return new AutoSyncDecision(true, "new revision " + shortSha(revision));
    }

    private static String describe(Comparison comparison) {
        return comparison.outOfSync().stream().map(ResourceState::key).map(Object::toString)
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String shortSha(String revision) {
        return revision.substring(0, Math.min(7, revision.length()));
    }
}
