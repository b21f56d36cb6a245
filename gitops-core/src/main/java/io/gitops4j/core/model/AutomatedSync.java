package io.gitops4j.core.model;

/**
 * Automated sync ({@code spec.syncPolicy.automated}), with Argo CD's meaning.
 *
 * @param enabled sync whenever Git holds a revision that was not synced yet
 * @param prune delete resources that left Git during automated syncs
 * @param selfHeal sync again when the live state drifts from an already synced revision
 * @param allowEmpty allow an automated sync (and prune) when Git holds no objects (hooks do not count)
 */
public record AutomatedSync(boolean enabled, boolean prune, boolean selfHeal, boolean allowEmpty) {

    /** No automated sync: reconcile only compares, syncs are manual. */
    public static final AutomatedSync DISABLED = new AutomatedSync(false, false, false, false);

    /**
     * Automated sync with the given prune and self-heal settings.
     *
     * @param prune whether resources no longer in Git are deleted
     * @param selfHeal whether drift of the cluster from Git is synced away
     * @return the policy, with empty syncs not allowed
     */
    public static AutomatedSync of(boolean prune, boolean selfHeal) {
        return new AutomatedSync(true, prune, selfHeal, false);
    }
}
