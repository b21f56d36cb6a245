package io.gitops4j.k8s.health;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource of an application, as health aggregation sees it: what Git wants and what the
 * cluster has (either may be absent: missing from the cluster, or no longer in Git).
 *
 * @param key the resource identity
 * @param desired the object from Git
 * @param live the object in the cluster, with its status
 */
public record ManagedResource(ResourceKey key, Optional<ObjectNode> desired, Optional<ObjectNode> live) {

    /**
     * Checks that every part is given.
     *
     * @param key the resource identity
     * @param desired the object from Git
     * @param live the object in the cluster, with its status
     * @throws NullPointerException when a part is {@code null}
     */
    public ManagedResource {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(live, "live");
    }
}
