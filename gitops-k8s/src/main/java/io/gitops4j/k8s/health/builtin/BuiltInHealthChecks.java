package io.gitops4j.k8s.health.builtin;

import io.gitops4j.k8s.health.HealthCheck;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health checks built into GitOps4J, one class per kind, chosen by API group and kind as
 * Argo CD chooses its built-in checks: Kubernetes' workloads and networking kinds, and the custom
 * resources GitOps setups use most (Argo Rollouts, Argo Workflows, Sealed Secrets, External
 * Secrets, cert-manager, Flux, Crossplane), written after the checks Argo CD bundles for them.
 * Kinds not listed here have no built-in health.
 * {@code argoproj.io/Application} is not among them: as in Argo CD, a child application has no
 * health unless asked for ({@link #argoApplication()}).
 */
public final class BuiltInHealthChecks {

    private static final Map<String, HealthCheck> BY_GROUP_KIND = Map.ofEntries(
            Map.entry("apps/Deployment", new DeploymentHealth()),
            Map.entry("apps/StatefulSet", new StatefulSetHealth()),
            Map.entry("apps/DaemonSet", new DaemonSetHealth()),
            Map.entry("apps/ReplicaSet", new ReplicaSetHealth()),
            Map.entry("/Pod", new PodHealth()),
            Map.entry("/Service", new ServiceHealth()),
            Map.entry("/PersistentVolumeClaim", new PersistentVolumeClaimHealth()),
            Map.entry("batch/Job", new JobHealth()),
            Map.entry("batch/CronJob", new CronJobHealth()),
            Map.entry("networking.k8s.io/Ingress", new IngressHealth()),
            Map.entry("extensions/Ingress", new IngressHealth()),
            Map.entry("autoscaling/HorizontalPodAutoscaler", new HorizontalPodAutoscalerHealth()),
            Map.entry("apiregistration.k8s.io/APIService", new ApiServiceHealth()),
            Map.entry("argoproj.io/Workflow", new ArgoWorkflowHealth()),
            Map.entry("argoproj.io/Rollout", new RolloutHealth()),
            Map.entry("argoproj.io/AnalysisRun", new AnalysisRunHealth()),
            Map.entry("bitnami.com/SealedSecret", new SealedSecretHealth()),
            Map.entry("external-secrets.io/ExternalSecret", new ExternalSecretHealth()),
            Map.entry("cert-manager.io/Certificate", new CertificateHealth()),
            Map.entry("cert-manager.io/Issuer", IssuerHealth.ISSUER),
            Map.entry("cert-manager.io/ClusterIssuer", IssuerHealth.CLUSTER_ISSUER),
            Map.entry("helm.toolkit.fluxcd.io/HelmRelease", FluxHealth.HELM_RELEASE),
            Map.entry("kustomize.toolkit.fluxcd.io/Kustomization", FluxHealth.KUSTOMIZATION),
            Map.entry("pkg.crossplane.io/Provider", new CrossplaneProviderHealth()));

    /**
     * Kinds of {@code *.crossplane.io} groups for which Argo CD bundles a script of their own
     * (the retired community AWS provider and Crossplane 0.x stacks): the wildcard check does not
     * judge them, since Argo CD would not; load Argo CD's scripts for them if you still run them.
     */
    private static final Set<String> CROSSPLANE_KINDS_WITH_OWN_SCRIPT = Set.of(
            "cloudfront.aws.crossplane.io/Distribution", "iam.aws.crossplane.io/Policy", "iam.aws.crossplane.io/Role",
            "iam.aws.crossplane.io/RolePolicyAttachment", "rds.aws.crossplane.io/DBCluster",
            "rds.aws.crossplane.io/DBInstance", "route53.aws.crossplane.io/ResourceRecordSet",
            "s3.aws.crossplane.io/Bucket", "stacks.crossplane.io/ClusterStackInstall");

    private static final HealthCheck ARGO_APPLICATION = new ArgoApplicationHealth();

    private BuiltInHealthChecks() {
    }

    /**
     * The check Argo CD's documentation gives for {@code argoproj.io/Application} (app-of-apps):
     * the health the child application reports. Argo CD applies it only when configured, and so
     * does {@link io.gitops4j.k8s.health.assessor.HealthAssessor.Builder#childApplicationHealth}.
     *
     * @return the check
     */
    public static HealthCheck argoApplication() {
        return ARGO_APPLICATION;
    }

    /**
     * The built-in check for a group and kind ({@code ""} is the core group): the kind's own, else
     * the one for every kind of its group family, as Argo CD's wildcard checks
     * ({@code *.crossplane.io/*}, {@code *.upbound.io/*}), except for the few Crossplane kinds
     * Argo CD judges with a script of their own, which have no built-in health here.
     *
     * @param group the API group
     * @param kind the kind
     * @return the check, or empty when there is no built-in one
     */
    public static Optional<HealthCheck> forKind(String group, String kind) {
        HealthCheck exact = BY_GROUP_KIND.get(group + "/" + kind);
        if (exact != null) {
            return Optional.of(exact);
        }
        if (group.endsWith(".crossplane.io") && !CROSSPLANE_KINDS_WITH_OWN_SCRIPT.contains(group + "/" + kind)) {
            return Optional.of(CrossplaneHealth.CROSSPLANE);
        }
        if (group.endsWith(".upbound.io")) {
            return Optional.of(CrossplaneHealth.UPBOUND);
        }
        return Optional.empty();
    }
}
