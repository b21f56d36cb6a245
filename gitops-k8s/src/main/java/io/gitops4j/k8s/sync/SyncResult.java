package io.gitops4j.k8s.sync;

import io.gitops4j.diff.ResourceKey;
import java.util.List;

/**
 * The outcome of a sync.
 *
 * @param resources one result per resource, in the order the sync handled them
 * @param succeeded whether every change the sync attempted was accepted
 * @param message a one-line summary
 */
public record SyncResult(List<ResourceResult> resources, boolean succeeded, String message) {

    public SyncResult {
        resources = List.copyOf(resources);
    }

    /** The resources created or updated. */
    public List<ResourceKey> applied() {
        return keysWith(ResourceAction.CREATED, ResourceAction.CONFIGURED);
    }

    /** The resources deleted because they left Git. */
    public List<ResourceKey> pruned() {
        return keysWith(ResourceAction.PRUNED);
    }

    /** The resources the cluster refused. */
    public List<ResourceKey> failed() {
        return keysWith(ResourceAction.FAILED);
    }

    private List<ResourceKey> keysWith(ResourceAction... actions) {
        List<ResourceAction> wanted = List.of(actions);
        return resources.stream().filter(r -> wanted.contains(r.action())).map(ResourceResult::key).toList();
    }
}
