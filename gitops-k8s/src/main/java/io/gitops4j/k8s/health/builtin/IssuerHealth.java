package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code cert-manager.io/Issuer} and {@code ClusterIssuer}, as Argo CD reads them: the first
 * {@code Ready} condition that is true (the ACME account is registered, the CA Secret is valid,
 * ...) is Healthy, one that is false Degraded, with its message; until one says either,
 * Progressing while the issuer initializes.
 */
final class IssuerHealth implements HealthCheck {

    static final IssuerHealth ISSUER = new IssuerHealth("Initializing issuer");
    static final IssuerHealth CLUSTER_ISSUER = new IssuerHealth("Initializing ClusterIssuer");

    private final Health initializing;

    private IssuerHealth(String initializingMessage) {
        this.initializing = Health.progressing(initializingMessage);
    }

    @Override
    public Optional<Health> check(JsonNode issuer) {
        return Optional.of(ObjectFields.trueOrFalse(issuer, "Ready").orElse(initializing));
    }
}
