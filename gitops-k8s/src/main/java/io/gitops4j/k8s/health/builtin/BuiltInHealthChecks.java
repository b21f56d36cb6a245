package io.gitops4j.k8s.health.builtin;

import io.gitops4j.k8s.health.HealthCheck;
import java.util.Map;
import java.util.Optional;

/**
 * The health checks built into GitOps4J, one class per kind, chosen by API group and kind as
 * Argo CD chooses its built-in checks. Kinds not listed here have no built-in health.
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
            Map.entry("argoproj.io/Application", new ArgoApplicationHealth()),
            Map.entry("argoproj.io/Workflow", new ArgoWorkflowHealth()));

    private BuiltInHealthChecks() {
    }

    /** The built-in check for a group and kind ({@code ""} is the core group). */
    public static Optional<HealthCheck> forKind(String group, String kind) {
        return Optional.ofNullable(BY_GROUP_KIND.get(group + "/" + kind));
    }
}
