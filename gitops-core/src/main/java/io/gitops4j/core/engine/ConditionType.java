package io.gitops4j.core.engine;

/** The types of an application's conditions the engine reports, with Argo CD's names. */
public enum ConditionType {
    /** Git could not be read or rendered: the last good state is kept, nothing is synced or pruned. */
    COMPARISON_ERROR("ComparisonError"),
    /** Automated sync refused, or the last sync failed and will not be retried automatically. */
    SYNC_ERROR("SyncError"),
    /** A resource the application wants is tracked as another application's. */
    SHARED_RESOURCE_WARNING("SharedResourceWarning"),
    /** Git holds one resource more than once; the last one is used. */
    REPEATED_RESOURCE_WARNING("RepeatedResourceWarning"),
    /** Git renders a resource of a kind the settings exclude; it is neither applied nor compared. */
    EXCLUDED_RESOURCE_WARNING("ExcludedResourceWarning"),
    /**
     * The Application's manifest has a field Argo CD's Application does not have (a typo), which was
     * dropped; the application works without it. Not an Argo CD condition (Argo CD's API server drops
     * such fields without a word): its own, named by Argo CD's convention, a warning.
     */
    UNKNOWN_FIELD_WARNING("UnknownFieldWarning"),
    /** The application's spec cannot be acted on; nothing is compared or applied. */
    INVALID_SPEC_ERROR("InvalidSpecError"),
    /** Deleting the application's resources failed; it is tried again. */
    DELETION_ERROR("DeletionError"),
    /** Automated sync is paused for this application (not an Argo CD condition: its own, for the pause). */
    AUTOMATED_SYNC_PAUSED("AutomatedSyncPaused"),
    /** Anything else that went wrong. */
    UNKNOWN_ERROR("UnknownError");

    private final String argoName;

    ConditionType(String argoName) {
        this.argoName = argoName;
    }

    /** {@return the name Argo CD writes into {@code status.conditions[].type}} */
    public String argoName() {
        return argoName;
    }

    /**
     * {@return whether the condition is an error (Argo CD's {@code IsError}): the name ends in {@code
     * Error}}
     */
    public boolean isError() {
        return argoName.endsWith("Error");
    }
}
