package io.gitops4j.core.diff;

import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import java.util.List;

/**
 * What a {@link LocalDiff} found: every resource compared, in the order of the manifests, then
 * the live objects the manifests no longer have.
 *
 * @param resources one entry per resource: {@code Synced}, {@code OutOfSync} (with its
 *     {@link io.gitops4j.diff.DiffResult}), {@code Missing} (not in the cluster yet) or
 *     {@code Extraneous} (live, but not in the manifests: a sync with prune would delete it)
 * @param warnings problems that do not stop the comparison (a resource twice in the manifests,
 *     a live object another application tracks)
 */
public record LocalDiffResult(List<ResourceState> resources, List<String> warnings) {

    /**
     * Copies both lists.
     *
     * @param resources one entry per resource: {@code Synced}, {@code OutOfSync} (with its {@link
     *     io.gitops4j.diff.DiffResult}), {@code Missing} (not in the cluster yet) or {@code Extraneous} (live,
     *     but not in the manifests: a sync with prune would delete it)
     * @param warnings problems that do not stop the comparison (a resource twice in the manifests, a live
     *     object another application tracks)
     */
    public LocalDiffResult {
        resources = List.copyOf(resources);
        warnings = List.copyOf(warnings);
    }

    /**
     * {@return whether applying the manifests (and pruning) would change anything: kubectl diff's exit code
     * 1}
     */
    public boolean modified() {
        return resources.stream().anyMatch(r -> r.status() != SyncStatus.SYNCED);
    }

    /** {@return the resources that would change} */
    public List<ResourceState> changed() {
        return resources.stream().filter(r -> r.status() != SyncStatus.SYNCED).toList();
    }
}
