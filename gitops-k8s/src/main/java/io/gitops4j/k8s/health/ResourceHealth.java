package io.gitops4j.k8s.health;

import io.gitops4j.kube.ResourceKey;
import java.util.Optional;

/**
 * The health of one resource of an application.
 *
 * @param key the resource identity
 * @param health its health; empty when its kind has no health check, or when it does not count
 *     (a hook, or annotated {@code argocd.argoproj.io/ignore-healthcheck: "true"})
 */
public record ResourceHealth(ResourceKey key, Optional<Health> health) {
}
