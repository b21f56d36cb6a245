package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code apps/ReplicaSet}: Argo CD's rules. A true {@code ReplicaFailure} condition is Degraded;
 * fewer available replicas than wanted is Progressing.
 */
final class ReplicaSetHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode replicaSet) {
        if (ObjectFields.generation(replicaSet) > ObjectFields.observedGeneration(replicaSet)) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed replica set generation less than desired generation"));
        }
        Optional<JsonNode> failure = ObjectFields.condition(replicaSet, "ReplicaFailure")
                .filter(c -> "True".equals(ObjectFields.text(c.path("status"))));
        if (failure.isPresent()) {
            return Optional.of(Health.degraded(ObjectFields.text(failure.get().path("message"))));
        }
        OptionalLong specReplicas = ObjectFields.optionalNumber(replicaSet.path("spec").path("replicas"));
        long available = ObjectFields.number(replicaSet.path("status").path("availableReplicas"), 0);
        if (specReplicas.isPresent() && available < specReplicas.getAsLong()) {
            return Optional.of(Health.progressing("Waiting for rollout to finish: " + available + " out of "
                    + specReplicas.getAsLong() + " new replicas are available..."));
        }
        return Optional.of(Health.healthy(""));
    }
}
