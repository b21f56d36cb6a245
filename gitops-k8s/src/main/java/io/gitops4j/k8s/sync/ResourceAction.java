package io.gitops4j.k8s.sync;

/** What a sync did to one resource. */
public enum ResourceAction {
    /** The object did not exist and was created. */
    CREATED,
    /** The object existed, differed from Git and was updated. */
    CONFIGURED,
    /** The object already matched Git; nothing was written. */
    UNCHANGED,
    /** The object left Git and was deleted. */
    PRUNED,
    /** The object left Git but was kept; the message says why. */
    PRUNE_SKIPPED,
    /** The cluster refused the change; the message says why. */
    FAILED
}
