package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code apps/StatefulSet}: Argo CD's rules. Progressing until the spec is observed and every
 * replica is ready; then a partitioned rolling update, {@code OnDelete}, or matching current
 * and update revisions decide.
 */
final class StatefulSetHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode statefulSet) {
        long observed = ObjectFields.observedGeneration(statefulSet);
        if (observed == 0 || ObjectFields.generation(statefulSet) > observed) {
            return Optional.of(Health.progressing("Waiting for statefulset spec update to be observed..."));
        }
        JsonNode spec = statefulSet.path("spec");
        JsonNode status = statefulSet.path("status");
        OptionalLong specReplicas = ObjectFields.optionalNumber(spec.path("replicas"));
        long ready = number(status.path("readyReplicas"), 0);
        long updated = number(status.path("updatedReplicas"), 0);
        if (specReplicas.isPresent() && ready < specReplicas.getAsLong()) {
            return Optional.of(Health.progressing("Waiting for " + (specReplicas.getAsLong() - ready)
                    + " pods to be ready..."));
        }
        JsonNode strategy = spec.path("updateStrategy");
        String strategyType = ObjectFields.text(strategy.path("type"));
        if ("RollingUpdate".equals(strategyType) && strategy.path("rollingUpdate").isObject()) {
            OptionalLong partition = ObjectFields.optionalNumber(strategy.path("rollingUpdate").path("partition"));
            if (specReplicas.isPresent() && partition.isPresent()) {
                long expected = specReplicas.getAsLong() - partition.getAsLong();
                if (updated < expected) {
                    return Optional.of(Health.progressing("Waiting for partitioned roll out to finish: " + updated
                            + " out of " + expected + " new pods have been updated..."));
                }
            }
            return Optional.of(Health.healthy("partitioned roll out complete: " + updated
                    + " new pods have been updated..."));
        }
        if ("OnDelete".equals(strategyType)) {
            return Optional.of(Health.healthy("statefulset has " + ready + " ready pods"));
        }
        String updateRevision = ObjectFields.text(status.path("updateRevision"));
        String currentRevision = ObjectFields.text(status.path("currentRevision"));
        if (!updateRevision.equals(currentRevision)) {
            return Optional.of(Health.progressing("waiting for statefulset rolling update to complete " + updated
                    + " pods at revision " + updateRevision + "..."));
        }
        return Optional.of(Health.healthy("statefulset rolling update complete "
                + number(status.path("currentReplicas"), 0) + " pods at revision " + currentRevision + "..."));
    }
}
