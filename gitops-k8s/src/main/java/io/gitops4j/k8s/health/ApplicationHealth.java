package io.gitops4j.k8s.health;

import io.gitops4j.kube.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * The health of an application: the worst health of its resources, and each resource's health.
 *
 * @param status the application's health
 * @param resources every resource, in the order they were given
 */
public record ApplicationHealth(HealthStatus status, List<ResourceHealth> resources) {

    /**
     * Copies the resources.
     *
     * @param status the application's health
     * @param resources every resource, in the order they were given
     */
    public ApplicationHealth {
        resources = List.copyOf(resources);
    }

    /**
     * The health of one resource, when it has one.
     *
     * @param key the resource's key
     * @return its health, or empty when it has none or is not one of the application's
     */
    public Optional<Health> of(ResourceKey key) {
        return resources.stream().filter(r -> r.key().equals(key)).findFirst().flatMap(ResourceHealth::health);
    }
}
