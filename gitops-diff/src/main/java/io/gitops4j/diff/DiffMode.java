package io.gitops4j.diff;

/** How a desired object was compared with its live counterpart. */
public enum DiffMode {
    /** No last-applied configuration: what Git sets must match; nothing is predicted deleted. */
    TWO_WAY,
    /** Against the last-applied annotation, so fields removed from Git are predicted deleted. */
    THREE_WAY,
    /**
     * The live object carries an Apply entry of our field manager: fields it owns that Git no
     * longer sets, and nobody else owns, are predicted removed; other managers' fields are kept.
     */
    SERVER_SIDE_APPLY
}
