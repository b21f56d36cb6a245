package io.gitops4j.k8s.sync.engine.internal;

import java.util.List;

/**
 * The order Argo CD applies kinds in within one wave (Helm's install order): namespaces and
 * policies first, then configuration, storage, CRDs, RBAC, services and workloads, ingress and
 * API services; every other kind, custom resources included, after them. {@link TaskOrder} breaks
 * ties by name.
 */
final class KindOrder {

    private static final List<String> KINDS = List.of(
            "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
            "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
            "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
            "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController",
            "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
            "IngressClass", "Ingress", "APIService");

    private KindOrder() {
    }

    /** The kind's position; kinds not in the list come after all listed ones. */
    static int rank(String kind) {
        int index = KINDS.indexOf(kind);
        return index < 0 ? KINDS.size() : index;
    }
}
