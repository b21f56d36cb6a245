package io.gitops4j.core.engine.internal;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.ResourceKey;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Whether a kind is namespaced, from one read of the cluster's discovery: what a project's
 * resource lists need to tell cluster-scoped kinds from namespaced ones. A kind the cluster does
 * not serve (a custom resource whose definition the same sync creates) counts as namespaced
 * exactly when the object names a namespace.
 */
final class ClusterScopes {

    private ClusterScopes() {
    }

    static Predicate<ResourceKey> of(Cluster cluster) {
        Map<String, Boolean> namespaced = new HashMap<>();
        for (ResourceType type : cluster.resourceTypes()) {
            namespaced.putIfAbsent(type.group() + "/" + type.kind(), type.namespaced());
        }
        return key -> namespaced.getOrDefault(key.group() + "/" + key.kind(), !key.namespace().isEmpty());
    }
}
