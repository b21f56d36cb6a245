package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code apps/Deployment}: Argo CD's rules (after {@code kubectl rollout status}). Paused is
 * Suspended; a {@code ProgressDeadlineExceeded} Progressing condition is Degraded; a rollout
 * whose replicas are not all updated and available is Progressing.
 */
final class DeploymentHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode deployment) {
        if (deployment.path("spec").path("paused").asBoolean(false)) {
            return Optional.of(Health.suspended("Deployment is paused"));
        }
        if (ObjectFields.generation(deployment) > ObjectFields.observedGeneration(deployment)) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed deployment generation less than desired generation"));
        }
        boolean deadlineExceeded = ObjectFields.condition(deployment, "Progressing")
                .map(c -> "ProgressDeadlineExceeded".equals(ObjectFields.text(c.path("reason"))))
                .orElse(false);
        if (deadlineExceeded) {
            return Optional.of(Health.degraded(
                    "Deployment \"" + ObjectFields.name(deployment) + "\" exceeded its progress deadline"));
        }
        JsonNode status = deployment.path("status");
        OptionalLong specReplicas = ObjectFields.optionalNumber(deployment.path("spec").path("replicas"));
        long updated = number(status.path("updatedReplicas"), 0);
        long replicas = number(status.path("replicas"), 0);
        long available = number(status.path("availableReplicas"), 0);
        if (specReplicas.isPresent() && updated < specReplicas.getAsLong()) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + updated + " out of "
                    + specReplicas.getAsLong() + " new replicas have been updated..."));
        }
        if (replicas > updated) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + (replicas - updated)
                    + " old replicas are pending termination..."));
        }
        if (available < updated) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + available + " of " + updated
                    + " updated replicas are available..."));
        }
        return Optional.of(Health.healthy(""));
    }
}
