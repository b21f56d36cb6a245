package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/** {@code apiregistration.k8s.io/APIService}: Healthy when its {@code Available} condition is true. */
final class ApiServiceHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode apiService) {
        return Optional.of(ObjectFields.condition(apiService, "Available")
                .map(c -> {
                    String message = text(c.path("reason")) + ": " + text(c.path("message"));
                    return "True".equals(text(c.path("status"))) ? Health.healthy(message) : Health.progressing(message);
                })
                .orElse(Health.progressing("Waiting to be processed")));
    }
}
