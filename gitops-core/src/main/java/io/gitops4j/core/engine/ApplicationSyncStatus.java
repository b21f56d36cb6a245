package io.gitops4j.core.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application's sync status, Argo CD's {@code status.sync}.
 *
 * @param status Synced, OutOfSync or Unknown
 * @param revision the commit compared (empty before the first comparison)
 * @param comparedTo what was compared, empty before the first comparison
 * @param revisions for an application with several sources, the commit (or chart version) of each,
 *     in the order of its sources ({@code status.sync.revisions}); {@code revision} is then all of
 *     them joined by {@code ,}. Empty for one source
 */
public record ApplicationSyncStatus(SyncStatusCode status, String revision, Optional<ComparedTo> comparedTo,
        List<String> revisions) {

    /** Not compared yet. */
    public static final ApplicationSyncStatus UNKNOWN = new ApplicationSyncStatus(SyncStatusCode.UNKNOWN, "",
            Optional.empty());

    /**
     * Requires {@code status} and {@code comparedTo}; a missing revision becomes empty, missing revisions
     * an empty list.
     *
     * @param status Synced, OutOfSync or Unknown
     * @param revision the commit compared (empty before the first comparison)
     * @param comparedTo what was compared, empty before the first comparison
     * @param revisions for an application with several sources, the commit (or chart version) of each, in
     *     the order of its sources ({@code status.sync.revisions}); {@code revision} is then all of them joined
     *     by {@code ,}. Empty for one source
     */
    public ApplicationSyncStatus {
        Objects.requireNonNull(status, "status");
        revision = revision == null ? "" : revision;
        Objects.requireNonNull(comparedTo, "comparedTo");
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
    }

    /**
     * The sync status of an application with one source.
     *
     * @param status Synced, OutOfSync or Unknown
     * @param revision the commit compared (empty before the first comparison)
     * @param comparedTo what was compared, empty before the first comparison
     */
    public ApplicationSyncStatus(SyncStatusCode status, String revision, Optional<ComparedTo> comparedTo) {
        this(status, revision, comparedTo, List.of());
    }
}
