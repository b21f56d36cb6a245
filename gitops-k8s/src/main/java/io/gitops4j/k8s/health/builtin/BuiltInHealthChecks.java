package io.gitops4j.k8s.health.builtin;

import io.gitops4j.k8s.health.HealthCheck;
import java.util.Map;
import java.util.Optional;

/**
 * The health checks built into GitOps4J, one class per kind, chosen by API group and kind as
 * Argo CD chooses its built-in checks. Kinds not listed here have no built-in health.
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
            Map.entry("argoproj.io/Workflow", new ArgoWorkflowHealth()));

    private static final HealthCheck ARGO_APPLICATION = new ArgoApplicationHealth();

    private BuiltInHealthChecks() {
    }

    /**
     * The check Argo CD's documentation gives for {@code argoproj.io/Application} (app-of-apps):
     * the health the child application reports. Argo CD applies it only when configured, and so
     * does {@link io.gitops4j.k8s.health.assessor.HealthAssessor.Builder#childApplicationHealth}.
     */
    public static HealthCheck argoApplication() {
        return ARGO_APPLICATION;
    }

    /** The built-in check for a group and kind ({@code ""} is the core group). */
    public static Optional<HealthCheck> forKind(String group, String kind) {
        return Optional.ofNullable(BY_GROUP_KIND.get(group + "/" + kind));
    }
}
