package io.gitops4j.core.model;

import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.RetryPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The rest of Argo CD's {@code spec.syncPolicy} (automated sync is {@link Application#automated()}):
 * the sync options every sync of the application uses, how a failed sync operation is retried,
 * and the metadata of the namespace {@code CreateNamespace=true} creates.
 *
 * @param syncOptions {@code syncOptions}, such as {@code CreateNamespace=true} or {@code PruneLast=true}
 * @param retry {@code retry}; empty when absent. Absent and {@code limit: 0} differ as in Argo CD:
 *     an automated sync of an application without {@code retry} is retried up to
 *     {@value #AUTOMATED_DEFAULT_RETRY_LIMIT} times, one with {@code limit: 0} never
 * @param managedNamespaceMetadata {@code managedNamespaceMetadata}
 */
public record SyncPolicy(List<String> syncOptions, Optional<RetryPolicy> retry,
        ManagedNamespaceMetadata managedNamespaceMetadata) {

    /** How often Argo CD retries an automated sync when the application gives no {@code retry}. */
    public static final int AUTOMATED_DEFAULT_RETRY_LIMIT = 5;

    /** No sync options, no retry given, no namespace metadata. */
    public static final SyncPolicy DEFAULTS = new SyncPolicy(List.of(), Optional.empty(), ManagedNamespaceMetadata.NONE);

    /**
     * Fills what is missing: no sync options, no retry given, {@link ManagedNamespaceMetadata#NONE}.
     *
     * @param syncOptions {@code syncOptions}, such as {@code CreateNamespace=true} or {@code
     *     PruneLast=true}
     * @param retry {@code retry}; empty when absent (then automated syncs get Argo CD's default)
     * @param managedNamespaceMetadata {@code managedNamespaceMetadata}
     */
    public SyncPolicy {
        syncOptions = syncOptions == null ? List.of() : List.copyOf(syncOptions);
        retry = retry == null ? Optional.empty() : retry;
        managedNamespaceMetadata = managedNamespaceMetadata == null ? ManagedNamespaceMetadata.NONE : managedNamespaceMetadata;
    }

    /**
     * A policy whose {@code retry} is given.
     *
     * @param syncOptions {@code syncOptions}, such as {@code CreateNamespace=true}
     * @param retry {@code retry}; {@link RetryPolicy#NONE} is {@code limit: 0}: never retry
     * @param managedNamespaceMetadata {@code managedNamespaceMetadata}
     */
    public SyncPolicy(List<String> syncOptions, RetryPolicy retry, ManagedNamespaceMetadata managedNamespaceMetadata) {
        this(syncOptions, Optional.of(retry), managedNamespaceMetadata);
    }

    /**
     * The retry of a manual sync that gives none.
     *
     * @return the application's {@code retry}, else {@link RetryPolicy#NONE}
     */
    public RetryPolicy manualRetry() {
        return retry.orElse(RetryPolicy.NONE);
    }

    /**
     * The retry of an automated sync.
     *
     * @return the application's {@code retry}, else Argo CD's default of
     *     {@value #AUTOMATED_DEFAULT_RETRY_LIMIT} retries (5 s, doubling, at most 3 minutes)
     */
    public RetryPolicy automatedRetry() {
        return retry.orElse(RetryPolicy.limit(AUTOMATED_DEFAULT_RETRY_LIMIT));
    }
}
