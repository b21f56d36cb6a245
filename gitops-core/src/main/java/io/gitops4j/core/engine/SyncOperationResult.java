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
 * @param revisions for an application with several sources, the revision of each ({@code syncResult.revisions});
 *     empty for one
 * @param sources for an application with several sources, the sources synced ({@code syncResult.sources});
 *     empty for one
 */
public record SyncOperationResult(String revision, ApplicationSource source, List<ResourceResult> resources,
        List<String> revisions, List<ApplicationSource> sources) {

    /**
     * Requires the revision and source, and copies the lists (missing {@code revisions} and {@code sources}
     * become empty).
     *
     * @param revision the commit synced
     * @param source the source it was rendered from
     * @param resources each resource's (and hook run's) outcome, in the order the sync handled them
     * @param revisions for an application with several sources, the revision of each ({@code
     *     syncResult.revisions}); empty for one
     * @param sources for an application with several sources, the sources synced ({@code
     *     syncResult.sources}); empty for one
     */
    public SyncOperationResult {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(source, "source");
        resources = List.copyOf(resources);
        revisions = revisions == null ? List.of() : List.copyOf(revisions);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * What a sync of an application with one source did.
     *
     * @param revision the commit synced
     * @param source the source it was rendered from
     * @param resources each resource's (and hook run's) outcome, in the order the sync handled them
     */
    public SyncOperationResult(String revision, ApplicationSource source, List<ResourceResult> resources) {
        this(revision, source, resources, List.of(), List.of());
    }
}
