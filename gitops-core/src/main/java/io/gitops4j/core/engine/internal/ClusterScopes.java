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

    /** The predicate; discovery is read on its first use, so an unused one costs no request. */
    static Predicate<ResourceKey> of(Cluster cluster) {
        Map<String, Boolean> namespaced = new HashMap<>();
        boolean[] read = {false};
        return key -> {
            synchronized (namespaced) {
                if (!read[0]) {
                    for (ResourceType type : cluster.resourceTypes()) {
                        namespaced.putIfAbsent(type.group() + "/" + type.kind(), type.namespaced());
                    }
                    read[0] = true;
                }
                return namespaced.getOrDefault(key.group() + "/" + key.kind(), !key.namespace().isEmpty());
            }
        };
    }
}
