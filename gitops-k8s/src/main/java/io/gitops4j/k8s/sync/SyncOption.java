package io.gitops4j.k8s.sync;

import java.util.Optional;

/**
 * The names of Argo CD's sync options, the keys of the {@code Key=Value} entries of an
 * application's {@code spec.syncPolicy.syncOptions} or a resource's
 * {@code argocd.argoproj.io/sync-options} annotation. {@link SyncOptionList} reads the values.
 *
 * <pre>{@code
 * SyncRequest.builder().syncOptions(List.of(SyncOption.CREATE_NAMESPACE.enabled(),
 *         SyncOption.PRUNE_PROPAGATION_POLICY.withValue("background")))
 * }</pre>
 */
public enum SyncOption {

    /** {@code Validate=false}: the server does not validate fields ({@code fieldValidation=Ignore}). */
    VALIDATE("Validate", true),
    /** {@code CreateNamespace=true}: the sync creates the destination namespace when Git does not hold it. */
    CREATE_NAMESPACE("CreateNamespace", true),
    /** {@code ApplyOutOfSyncOnly=true}: resources the comparison found in sync are left out. */
    APPLY_OUT_OF_SYNC_ONLY("ApplyOutOfSyncOnly", true),
    /** {@code Prune=false} never prunes the resource; {@code Prune=confirm} waits for a confirmation. */
    PRUNE("Prune", true),
    /** {@code PruneLast=true}: prune after the last wave, once everything else is healthy. */
    PRUNE_LAST("PruneLast", true),
    /** {@code PrunePropagationPolicy=foreground|background|orphan}: how dependents of a pruned object are deleted. */
    PRUNE_PROPAGATION_POLICY("PrunePropagationPolicy", true),
    /** {@code Replace=true}: create or replace ({@code kubectl replace}) instead of applying. */
    REPLACE("Replace", true),
    /** {@code Force=true}: an object the server refuses as invalid is deleted and created again. */
    FORCE("Force", true),
    /** {@code ServerSideApply=true|false}: server-side or client-side apply, whatever the sync's strategy. */
    SERVER_SIDE_APPLY("ServerSideApply", true),
    /** {@code ClientSideApplyMigration=false}: client-side apply's fields are not moved to our manager first. */
    CLIENT_SIDE_APPLY_MIGRATION("ClientSideApplyMigration", true),
    /** {@code SkipDryRunOnMissingResource=true}: a type the cluster does not serve yet is not dry run. */
    SKIP_DRY_RUN_ON_MISSING_RESOURCE("SkipDryRunOnMissingResource", true),
    /** {@code FailOnSharedResource=true}: a resource another application also claims fails the sync. */
    FAIL_ON_SHARED_RESOURCE("FailOnSharedResource", true),
    /** {@code Delete=false|confirm}: what deleting the application does to the resource; not a sync's concern. */
    DELETE("Delete", false),
    /** {@code RespectIgnoreDifferences=true}: ignoreDifferences also shape what is applied; not supported yet. */
    RESPECT_IGNORE_DIFFERENCES("RespectIgnoreDifferences", false);

    private final String key;
    private final boolean applied;

    SyncOption(String key, boolean applied) {
        this.key = key;
        this.applied = applied;
    }

    /**
     * The option's key as Argo CD writes it: {@code CreateNamespace}, ...
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * Whether GitOps4J acts on the option; the others are read, and a warning says they are ignored.
     *
     * @return whether it is applied
     */
    public boolean applied() {
        return applied;
    }

    /**
     * The entry {@code Key=value}.
     *
     * @param value the value
     * @return the entry
     */
    public String withValue(String value) {
        return key + "=" + value;
    }

    /**
     * The entry {@code Key=true}.
     *
     * @return the entry
     */
    public String enabled() {
        return withValue("true");
    }

    /**
     * The entry {@code Key=false}.
     *
     * @return the entry
     */
    public String disabled() {
        return withValue("false");
    }

    /**
     * The option with this key, matched exactly as Argo CD does.
     *
     * @param key the key, case-sensitive
     * @return the option, or empty for a key Argo CD does not know
     */
    public static Optional<SyncOption> ofKey(String key) {
        for (SyncOption option : values()) {
            if (option.key.equals(key)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    /** The key. */
    @Override
    public String toString() {
        return key;
    }
}
