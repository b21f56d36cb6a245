package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.ResourceKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@link LiveObjects} read straight from the cluster: a GET per object, a LIST per served type. */
final class ClusterLiveObjects implements LiveObjects {

    private final Cluster cluster;

    ClusterLiveObjects(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return cluster.get(type, namespace, name);
    }

    /** Lists every served type once (one version per group/kind) and keeps the application's objects, by key. */
    @Override
    public Collection<ObjectNode> trackedBy(String appName, ResourceTracking tracking) {
        TreeMap<ResourceKey, ObjectNode> tracked = new TreeMap<>();
        Set<String> listedGroupKinds = new HashSet<>();
        for (ResourceType type : cluster.resourceTypes()) {
            if (LiveObjects.isExcluded(type) || !listedGroupKinds.add(type.group() + "/" + type.kind())) {
                continue;
            }
            for (ObjectNode live : cluster.list(type, ListOptions.all())) {
                if (tracking.isTrackedBy(live, appName)) {
                    tracked.put(ResourceKey.of(live), live);
                }
            }
        }
        return tracked.values();
    }
}
