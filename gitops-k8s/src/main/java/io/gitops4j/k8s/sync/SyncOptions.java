package io.gitops4j.k8s.sync;

/**
 * How a sync treats resources that left Git.
 *
 * @param prune delete live objects tracked as the application's that Git no longer has
 * @param allowEmpty allow pruning when Git holds no objects at all for the application; without
 *     it an empty render (a wrong path, a bad commit) never deletes anything
 */
public record SyncOptions(boolean prune, boolean allowEmpty) {

    /** Argo CD's defaults: no pruning, no empty syncs. */
    public static SyncOptions defaults() {
        return new SyncOptions(false, false);
    }

    /** The same options with pruning on or off. */
    public SyncOptions withPrune(boolean enabled) {
        return new SyncOptions(enabled, allowEmpty);
    }
}
