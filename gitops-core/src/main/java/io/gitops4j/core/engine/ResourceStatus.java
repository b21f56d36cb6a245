package io.gitops4j.core.engine;

import io.gitops4j.k8s.health.Health;
import io.gitops4j.kube.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource of an application, Argo CD's {@code status.resources[]}.
 *
 * @param key group, kind, namespace and name
 * @param version the API version compared
 * @param status Synced or OutOfSync (a missing resource is OutOfSync with health Missing; one that
 *     left Git is OutOfSync and requires pruning)
 * @param health its health; empty when its kind has none
 * @param requiresPruning whether it left Git and a sync with prune deletes it
 * @param syncWave its sync wave
 */
public record ResourceStatus(ResourceKey key, String version, SyncStatusCode status, Optional<Health> health,
        boolean requiresPruning, int syncWave) {

    /**
     * Requires every field but the version, which becomes empty when missing.
     *
     * @param key group, kind, namespace and name
     * @param version the API version compared
     * @param status Synced or OutOfSync (a missing resource is OutOfSync with health Missing; one that left
     *     Git is OutOfSync and requires pruning)
     * @param health its health; empty when its kind has none
     * @param requiresPruning whether it left Git and a sync with prune deletes it
     * @param syncWave its sync wave
     */
    public ResourceStatus {
        Objects.requireNonNull(key, "key");
        version = version == null ? "" : version;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(health, "health");
    }
}
