package io.gitops4j.k8s.sync;

import java.util.Locale;

/** What a sync did to one resource. */
public enum ResourceAction {
    /** The object did not exist and was created (hooks included). */
    CREATED,
    /** The object existed, differed from Git and was updated. */
    CONFIGURED,
    /** The object already matched Git; nothing was written. */
    UNCHANGED,
    /** The object left Git and was deleted. */
    PRUNED,
    /** The object left Git but was kept; the message says why. */
    PRUNE_SKIPPED,
    /** The cluster refused the change, or the resource failed to become healthy; the message says why. */
    FAILED,
    /** The sync never got to this resource (an earlier wave failed, or it was terminated). */
    NOT_RUN;

    /**
     * The lower-case words for output: {@code created}, {@code prune skipped}, ...
     *
     * @return the words
     */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
