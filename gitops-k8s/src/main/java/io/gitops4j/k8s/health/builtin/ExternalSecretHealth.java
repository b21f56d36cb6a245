package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code external-secrets.io/ExternalSecret}: its {@code Ready} condition, as Argo CD reads it.
 * The first {@code Ready} condition that is true (the Secret was synced) is Healthy, one that is
 * false (the provider could not give the data, ...) is Degraded, both with its message; until
 * one says either, Progressing.
 */
final class ExternalSecretHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode externalSecret) {
        return Optional.of(ObjectFields.trueOrFalse(externalSecret, "Ready")
                .orElse(Health.progressing("Waiting for ExternalSecret")));
    }
}
