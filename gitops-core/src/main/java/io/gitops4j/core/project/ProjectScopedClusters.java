package io.gitops4j.core.project;

import java.util.List;

/**
 * The clusters scoped to a project (in Argo CD: cluster secrets whose {@code project} field names
 * it), which {@code permitOnlyProjectScopedClusters} limits a project's destinations to.
 */
@FunctionalInterface
public interface ProjectScopedClusters {

    /** No cluster is scoped to any project. */
    ProjectScopedClusters NONE = project -> List.of();

    /**
     * The clusters scoped to {@code project}.
     *
     * @param project the project's name
     * @return the clusters whose {@code project} field names it; empty for none
     */
    List<DestinationCluster> of(String project);
}
