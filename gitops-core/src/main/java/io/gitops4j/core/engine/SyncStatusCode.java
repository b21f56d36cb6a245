package io.gitops4j.core.engine;

/** How an application compares with Git as a whole, Argo CD's {@code SyncStatusCode}. */
public enum SyncStatusCode {
    /** Every resource matches Git. */
    SYNCED("Synced"),
    /** At least one resource differs, is missing, or requires pruning. */
    OUT_OF_SYNC("OutOfSync"),
    /** Not compared (yet): the spec is invalid, or nothing could be rendered so far. */
    UNKNOWN("Unknown");

    private final String displayName;

    SyncStatusCode(String displayName) {
        this.displayName = displayName;
    }

    /** {@return the name Argo CD writes into {@code status.sync.status}} */
    public String displayName() {
        return displayName;
    }
}
