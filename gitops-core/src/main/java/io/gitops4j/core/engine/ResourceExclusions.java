package io.gitops4j.core.engine;

/**
 * Which resource kinds the application controller leaves alone, per destination cluster, as Argo
 * CD's {@code resource.exclusions} and {@code resource.inclusions} do: an excluded group and kind
 * is not watched on that cluster (so a live object of it is never compared, shown or pruned), and
 * an object of it that Git renders is left out of the comparison and the sync with an {@code
 * ExcludedResourceWarning} condition. {@link io.gitops4j.core.argocd.ResourceFilter} reads them
 * from {@code argocd-cm}. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ResourceExclusions {

    /** Nothing excluded beyond the kinds the engine never watches (Events, Endpoints, Leases, ...). */
    ResourceExclusions NONE = (apiGroup, kind, clusterServer) -> false;

    /**
     * Whether a group and kind is left alone on a cluster.
     *
     * @param apiGroup the API group, empty for the core group
     * @param kind the kind
     * @param clusterServer the destination cluster's server URL ({@code https://kubernetes.default.svc}
     *     for the controller's own cluster)
     * @return {@code true} when it is neither watched nor applied nor pruned there
     */
    boolean isExcluded(String apiGroup, String kind, String clusterServer);
}
