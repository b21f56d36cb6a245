package io.gitops4j.k8s.sync;

/** Where a sync operation, or one of its tasks, stands, in Argo CD's words. */
public enum OperationPhase {
    /**
     * Only a task's: the sync has not run it, as it waits for an earlier wave, or never will
     * (the sync failed before it, or was terminated). An operation is never Pending.
     */
    PENDING("Pending"),
    /** Under way: a wave is being applied, or the sync waits for health, a hook or a retry. */
    RUNNING("Running"),
    /** Asked to stop: running hooks are being deleted. */
    TERMINATING("Terminating"),
    /** Done, and everything it attempted was accepted (and became healthy where it waited). */
    SUCCEEDED("Succeeded"),
    /** Done, and something failed: an apply, a hook, a health wait, or the dry run. */
    FAILED("Failed"),
    /** Done, and the sync itself could not proceed (the cluster could not be read, say). */
    ERROR("Error"),
    /**
     * Only a task's, as a Pod's phase: the operation ended while the task still ran, so its
     * outcome was never seen (a hook still running when another task failed, a resource whose
     * health was awaited when the sync was terminated). It may still complete in the cluster.
     * An operation is never Unknown.
     */
    UNKNOWN("Unknown");

    private final String displayName;

    OperationPhase(String displayName) {
        this.displayName = displayName;
    }

    /**
     * The name Argo CD users know: {@code Running}, {@code Succeeded}, ...
     *
     * @return the name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Whether nothing more will happen: Succeeded, Failed or Error (and, for a task, Unknown).
     *
     * @return whether the phase is final
     */
    public boolean isCompleted() {
        return this == SUCCEEDED || this == FAILED || this == ERROR || this == UNKNOWN;
    }
}
