package io.gitops4j.core.engine;

import io.gitops4j.core.model.ApplicationSource;
import java.time.Instant;
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
 */
public record RevisionHistory(long id, String revision, ApplicationSource source, Instant deployedAt,
        Instant deployStartedAt, InitiatedBy initiatedBy) {

    public RevisionHistory {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(deployedAt, "deployedAt");
        Objects.requireNonNull(deployStartedAt, "deployStartedAt");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
    }
}
