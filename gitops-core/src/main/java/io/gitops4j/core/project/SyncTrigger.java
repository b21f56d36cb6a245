package io.gitops4j.core.project;

/**
 * Who asked for a sync, which sync windows tell apart: a window may let a manual sync through
 * ({@code manualSync: true}) while it blocks automated ones.
 */
public enum SyncTrigger {
    /** The engine's automated sync (Argo CD's {@code initiatedBy.automated: true}). */
    AUTOMATED,
    /** A sync a person or program asked for. */
    MANUAL
}
