package io.gitops4j.k8s.sync;

/** How one resource compares with Git, in Argo CD's words. */
public enum SyncStatus {
    /** Live matches Git. */
    SYNCED("Synced"),
    /** Live exists but differs from Git. */
    OUT_OF_SYNC("OutOfSync"),
    /** In Git, not in the cluster. */
    MISSING("Missing"),
    /** Tracked as the application's in the cluster, no longer in Git: it requires pruning. */
    EXTRANEOUS("Extraneous");

    private final String displayName;

    SyncStatus(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The name Argo CD users know: {@code Synced}, {@code OutOfSync}, ...
     *
     * @return the name
     */
    public String displayName() {
        return displayName;
    }
}
