package io.gitops4j.k8s.sync;

/** The phases of a sync, run in this order; {@link #SYNC_FAIL} only when the sync fails. */
public enum SyncPhase {
    /** PreSync hooks (and the namespace {@code CreateNamespace=true} creates). */
    PRE_SYNC("PreSync"),
    /** The application's resources, and Sync hooks, wave by wave. */
    SYNC("Sync"),
    /** PostSync hooks, once every resource is applied and healthy. */
    POST_SYNC("PostSync"),
    /** SyncFail hooks, when an earlier phase failed. */
    SYNC_FAIL("SyncFail");

    private final String displayName;

    SyncPhase(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The name Argo CD users know: {@code PreSync}, {@code Sync}, ...
     *
     * @return the name
     */
    public String displayName() {
        return displayName;
    }
}
