package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.DiffResult;
import io.gitops4j.kube.ResourceKey;
import java.util.Optional;

/**
 * One resource of an application: what Git wants, what the cluster has, and how they compare.
 *
 * @param key the resource identity
 * @param status the comparison verdict
 * @param desired the object from Git (absent for {@link SyncStatus#EXTRANEOUS})
 * @param live the object in the cluster (absent for {@link SyncStatus#MISSING})
 * @param diff the comparison, when both exist
 */
public record ResourceState(
        ResourceKey key,
        SyncStatus status,
        Optional<ObjectNode> desired,
        Optional<ObjectNode> live,
        Optional<DiffResult> diff) {
}
