package io.gitops4j.k8s.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Judges the health of one kind of live object. Implementations read the object and never
 * modify it; they answer empty when they have no verdict, so the kind has no health (as
 * Argo CD's empty health status).
 *
 * <p>Built-in checks cover the Kubernetes kinds Argo CD judges; register your own with
 * {@link io.gitops4j.k8s.health.assessor.HealthAssessor.Builder#check(String, String, HealthCheck)}.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * @param live the object as the cluster returns it, with its {@code status}
     * @return its health, or empty when this check has no verdict
     * @throws RuntimeException when the object cannot be judged; the assessor reports
     *     {@link HealthStatus#UNKNOWN} with the exception's message
     */
    Optional<Health> check(JsonNode live);
}
