package io.gitops4j.core.argocd;

import io.gitops4j.core.engine.ResourceExclusions;
import java.util.List;

/**
 * Which resource kinds Argo CD's controller watches and manages: {@code resource.exclusions} and
 * {@code resource.inclusions} of {@code argocd-cm}, with Argo CD's rules. Excluded wins; when a
 * cluster has inclusions, only what they cover is included; Argo CD's core exclusions
 * ({@code events.k8s.io}, {@code metrics.k8s.io}, core {@code Event}, {@code coordination.k8s.io}
 * {@code Lease}) are always excluded. Where {@code argocd-cm} has no {@code resource.exclusions}
 * key at all, {@link #DEFAULT_EXCLUSIONS} (the list Argo CD's install manifests put there) apply.
 * As {@link ResourceExclusions} the controller applies it: excluded kinds are not watched, not
 * compared and not pruned.
 *
 * @param exclusions {@code resource.exclusions}
 * @param inclusions {@code resource.inclusions}
 */
public record ResourceFilter(List<FilteredResource> exclusions, List<FilteredResource> inclusions)
        implements ResourceExclusions {

    /**
     * The {@code resource.exclusions} Argo CD's install manifests ship in {@code argocd-cm} (Argo CD
     * 3.0 on): kinds created by controllers that Git does not declare (Endpoints, EndpointSlice,
     * Lease, the authentication and authorization reviews, CertificateSigningRequest, cert-manager's
     * CertificateRequest, Cilium's identities and endpoints, Kyverno's reports). They apply where
     * the key is absent.
     */
    public static final List<FilteredResource> DEFAULT_EXCLUSIONS = List.of(
            new FilteredResource(List.of("", "discovery.k8s.io"), List.of("Endpoints", "EndpointSlice"), List.of()),
            new FilteredResource(List.of("coordination.k8s.io"), List.of("Lease"), List.of()),
            new FilteredResource(List.of("authentication.k8s.io", "authorization.k8s.io"),
                    List.of("SelfSubjectReview", "TokenReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview",
                            "SelfSubjectRulesReview", "SubjectAccessReview"), List.of()),
            new FilteredResource(List.of("certificates.k8s.io"), List.of("CertificateSigningRequest"), List.of()),
            new FilteredResource(List.of("cert-manager.io"), List.of("CertificateRequest"), List.of()),
            new FilteredResource(List.of("cilium.io"), List.of("CiliumIdentity", "CiliumEndpoint", "CiliumEndpointSlice"),
                    List.of()),
            new FilteredResource(List.of("kyverno.io", "reports.kyverno.io", "wgpolicyk8s.io"),
                    List.of("PolicyReport", "ClusterPolicyReport", "EphemeralReport", "ClusterEphemeralReport",
                            "AdmissionReport", "ClusterAdmissionReport", "BackgroundScanReport",
                            "ClusterBackgroundScanReport", "UpdateRequest"), List.of()));

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

    /** {@return the filter of an {@code argocd-cm} without either key: {@link #DEFAULT_EXCLUSIONS}} */
    public static ResourceFilter defaults() {
        return new ResourceFilter(DEFAULT_EXCLUSIONS, List.of());
    }

    /**
     * Whether a group and kind is left out on a cluster, as Argo CD's {@code IsExcludedResource}.
     *
     * @param apiGroup the API group, empty for the core group
     * @param kind the kind
     * @param cluster the cluster's server URL
     * @return {@code true} when the group and kind are left out on that cluster
     */
    @Override
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
