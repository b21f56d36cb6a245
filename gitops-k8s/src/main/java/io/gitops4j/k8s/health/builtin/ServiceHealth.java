package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/** {@code Service}: Healthy, except a LoadBalancer without an ingress address yet, which is Progressing. */
final class ServiceHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode service) {
        if ("LoadBalancer".equals(ObjectFields.text(service.path("spec").path("type")))
                && service.path("status").path("loadBalancer").path("ingress").isEmpty()) {
            return Optional.of(Health.progressing(""));
        }
        return Optional.of(Health.healthy(""));
    }
}
