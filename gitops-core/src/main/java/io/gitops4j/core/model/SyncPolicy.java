package io.gitops4j.core.model;

import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.RetryPolicy;
import java.util.List;

/**
 * The rest of Argo CD's {@code spec.syncPolicy} (automated sync is {@link Application#automated()}):
 * the sync options every sync of the application uses, how transient failures are retried, and
 * the metadata of the namespace {@code CreateNamespace=true} creates.
 *
 * @param syncOptions {@code syncOptions}, such as {@code CreateNamespace=true} or {@code PruneLast=true}
 * @param retry {@code retry}; {@link RetryPolicy#NONE} when absent, as in Argo CD
 * @param managedNamespaceMetadata {@code managedNamespaceMetadata}
 */
public record SyncPolicy(List<String> syncOptions, RetryPolicy retry, ManagedNamespaceMetadata managedNamespaceMetadata) {

    /** No sync options, no retries, no namespace metadata. */
    public static final SyncPolicy DEFAULTS = new SyncPolicy(List.of(), RetryPolicy.NONE, ManagedNamespaceMetadata.NONE);

    /**
     * Fills what is missing: no sync options, {@link RetryPolicy#NONE}, {@link
     * ManagedNamespaceMetadata#NONE}.
     *
     * @param syncOptions {@code syncOptions}, such as {@code CreateNamespace=true} or {@code
     *     PruneLast=true}
     * @param retry {@code retry}; {@link RetryPolicy#NONE} when absent, as in Argo CD
     * @param managedNamespaceMetadata {@code managedNamespaceMetadata}
     */
    public SyncPolicy {
        syncOptions = syncOptions == null ? List.of() : List.copyOf(syncOptions);
        retry = retry == null ? RetryPolicy.NONE : retry;
        managedNamespaceMetadata = managedNamespaceMetadata == null ? ManagedNamespaceMetadata.NONE : managedNamespaceMetadata;
    }
}
