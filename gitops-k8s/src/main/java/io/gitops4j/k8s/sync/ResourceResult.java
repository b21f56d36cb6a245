package io.gitops4j.k8s.sync;

import io.gitops4j.diff.ResourceKey;

/**
 * The outcome of a sync for one resource.
 *
 * @param key the resource
 * @param action what was done
 * @param message a human-readable explanation
 */
public record ResourceResult(ResourceKey key, ResourceAction action, String message) {
}
