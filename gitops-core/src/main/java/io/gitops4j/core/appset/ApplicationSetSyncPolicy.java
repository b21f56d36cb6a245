package io.gitops4j.core.appset;

import java.util.Objects;

/**
 * Argo CD's {@code spec.syncPolicy} of an ApplicationSet.
 *
 * @param applicationsSync what the controller may do to the set's Applications
 * @param preserveResourcesOnDeletion when true, generated Applications get no
 *     {@code resources-finalizer.argocd.argoproj.io} finalizer, so deleting one (or the set)
 *     leaves its resources in the cluster
 */
public record ApplicationSetSyncPolicy(ApplicationsSync applicationsSync, boolean preserveResourcesOnDeletion) {

    /** Create, update and delete; resources deleted with their Application. */
    public static final ApplicationSetSyncPolicy DEFAULTS = new ApplicationSetSyncPolicy(ApplicationsSync.SYNC, false);

    /**
     * Requires {@code applicationsSync}.
     *
     * @param applicationsSync what the controller may do to the set's Applications
     * @param preserveResourcesOnDeletion when true, generated Applications get no {@code
     *     resources-finalizer.argocd.argoproj.io} finalizer, so deleting one (or the set) leaves its resources
     *     in the cluster
     */
    public ApplicationSetSyncPolicy {
        Objects.requireNonNull(applicationsSync, "applicationsSync");
    }
}
