package io.gitops4j.k8s.sync;

import java.util.List;

/**
 * The comparison of an application's desired objects with the cluster.
 *
 * @param resources every desired object and every extraneous live one, desired first in their
 *     Git order, then extraneous ones sorted by key
 * @param desiredCount how many objects Git holds (0 means the render was empty)
 */
public record Comparison(List<ResourceState> resources, int desiredCount) {

    public Comparison {
        resources = List.copyOf(resources);
    }

    /** {@link SyncStatus#SYNCED} when every resource is, {@link SyncStatus#OUT_OF_SYNC} otherwise. */
    public SyncStatus status() {
        return resources.stream().allMatch(r -> r.status() == SyncStatus.SYNCED)
                ? SyncStatus.SYNCED
                : SyncStatus.OUT_OF_SYNC;
    }

    /** The resources that are not {@link SyncStatus#SYNCED}. */
    public List<ResourceState> outOfSync() {
        return resources.stream().filter(r -> r.status() != SyncStatus.SYNCED).toList();
    }
}
