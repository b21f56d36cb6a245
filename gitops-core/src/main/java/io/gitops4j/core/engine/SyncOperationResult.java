package io.gitops4j.core.engine;

import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.sync.ResourceResult;
import java.util.List;
import java.util.Objects;

/**
 * What a sync operation did, Argo CD's {@code operationState.syncResult}.
 *
 * @param revision the commit synced
 * @param source the source it was rendered from
 * @param resources each resource's (and hook run's) outcome, in the order the sync handled them
 */
public record SyncOperationResult(String revision, ApplicationSource source, List<ResourceResult> resources) {

    public SyncOperationResult {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        resources = List.copyOf(resources);
    }
}
