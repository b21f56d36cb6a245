package io.gitops4j.core.argocd;

import java.util.List;

/**
 * Which resource kinds Argo CD's controller watches and manages: {@code resource.exclusions} and
 * {@code resource.inclusions} of {@code argocd-cm}, with Argo CD's rules. Excluded wins; when a
 * cluster has inclusions, only what they cover is included; Argo CD's core exclusions
 * ({@code events.k8s.io}, {@code metrics.k8s.io}, core {@code Event}, {@code coordination.k8s.io}
 * {@code Lease}) are always excluded.
 *
 * @param exclusions {@code resource.exclusions}
 * @param inclusions {@code resource.inclusions}
 */
public record ResourceFilter(List<FilteredResource> exclusions, List<FilteredResource> inclusions) {

    private static final List<FilteredResource> CORE_EXCLUSIONS = List.of(
            new FilteredResource(List.of("events.k8s.io", "metrics.k8s.io"), List.of(), List.of()),
            new FilteredResource(List.of(""), List.of("Event"), List.of()),
            new FilteredResource(List.of("coordination.k8s.io"), List.of("Lease"), List.of()));

    /**
     * Copies both lists.
     *
     * @param exclusions {@code resource.exclusions}
     * @param inclusions {@code resource.inclusions}
     */
    public ResourceFilter {
        exclusions = List.copyOf(exclusions);
        inclusions = List.copyOf(inclusions);
    }

    /** {@return a filter with nothing configured: only the core exclusions} */
    public static ResourceFilter defaults() {
        return new ResourceFilter(List.of(), List.of());
    }

    /**
     * Whether a group and kind is left out on a cluster, as Argo CD's {@code IsExcludedResource}.
     *
     * @param apiGroup the API group, empty for the core group
     * @param kind the kind
     * @param cluster the cluster's server URL
     * @return {@code true} when the group and kind are left out on that cluster
     */
    public boolean isExcluded(String apiGroup, String kind, String cluster) {
        if (CORE_EXCLUSIONS.stream().anyMatch(r -> r.matches(apiGroup, kind, cluster))
                || exclusions.stream().anyMatch(r -> r.matches(apiGroup, kind, cluster))) {
            return true;
        }
        if (inclusions.stream().anyMatch(r -> r.matches(apiGroup, kind, cluster))) {
            return false;
        }
        return inclusions.stream().anyMatch(r -> r.matchesCluster(cluster));
    }
}
