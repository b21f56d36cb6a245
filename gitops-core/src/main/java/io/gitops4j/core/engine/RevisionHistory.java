package io.gitops4j.core.engine;

import io.gitops4j.core.model.ApplicationSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One successful sync of every resource, Argo CD's {@code status.history[]}: what
 * {@link ApplicationController#rollback} syncs again.
 *
 * @param id increasing per application, from 0 as in Argo CD
 * @param revision the commit synced
 * @param source the source it was synced from
 * @param deployedAt when the sync ended
 * @param deployStartedAt when it started
 * @param initiatedBy who started it
 * @param revisions for an application with several sources, the revision of each ({@code history[].revisions});
 *     empty for one
 * @param sources for an application with several sources, the sources synced ({@code history[].sources});
 *     empty for one
 */
public record RevisionHistory(long id, String revision, ApplicationSource source, Instant deployedAt,
        Instant deployStartedAt, InitiatedBy initiatedBy, List<String> revisions, List<ApplicationSource> sources) {

    /**
     * Requires every field but {@code revisions} and {@code sources}, which become empty lists when
     * missing.
     *
     * @param id increasing per application, from 0 as in Argo CD
     * @param revision the commit synced
     * @param source the source it was synced from
     * @param deployedAt when the sync ended
     * @param deployStartedAt when it started
     * @param initiatedBy who started it
     * @param revisions for an application with several sources, the revision of each ({@code
     *     history[].revisions}); empty for one
     * @param sources for an application with several sources, the sources synced ({@code
     *     history[].sources}); empty for one
     */
    public RevisionHistory {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(deployedAt, "deployedAt");
        Objects.requireNonNull(deployStartedAt, "deployStartedAt");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * A sync of an application with one source.
     *
     * @param id increasing per application, from 0 as in Argo CD
     * @param revision the commit synced
     * @param source the source it was synced from
     * @param deployedAt when the sync ended
     * @param deployStartedAt when it started
     * @param initiatedBy who started it
     */
    public RevisionHistory(long id, String revision, ApplicationSource source, Instant deployedAt,
            Instant deployStartedAt, InitiatedBy initiatedBy) {
        this(id, revision, source, deployedAt, deployStartedAt, initiatedBy, List.of(), List.of());
    }
}
