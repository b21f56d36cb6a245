package io.gitops4j.k8s.sync;

/**
 * What the {@code Prune} sync option says about pruning a resource, on top of whether the sync
 * prunes at all ({@link SyncRequest#prune()}).
 */
public enum PruneOption {
    /** {@code Prune=true}, or no {@code Prune} option: pruned when the sync prunes. */
    ALLOWED,
    /** {@code Prune=false}: never pruned; the application stays out of sync. */
    DISABLED,
    /**
     * {@code Prune=confirm}: pruned only once someone confirms it; GitOps4J has no confirmation,
     * so the resource is left for a person to delete.
     */
    CONFIRM
}
