package io.gitops4j.core.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * An application's sync status, Argo CD's {@code status.sync}.
 *
 * @param status Synced, OutOfSync or Unknown
 * @param revision the commit compared (empty before the first comparison)
 * @param comparedTo what was compared, empty before the first comparison
 */
public record ApplicationSyncStatus(SyncStatusCode status, String revision, Optional<ComparedTo> comparedTo) {

    /** Not compared yet. */
    public static final ApplicationSyncStatus UNKNOWN = new ApplicationSyncStatus(SyncStatusCode.UNKNOWN, "",
            Optional.empty());

    public ApplicationSyncStatus {
        Objects.requireNonNull(status, "status");
        revision = revision == null ? "" : revision;
        Objects.requireNonNull(comparedTo, "comparedTo");
    }
}
