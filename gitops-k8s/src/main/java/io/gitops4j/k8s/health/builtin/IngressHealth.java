package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/** {@code Ingress} (networking.k8s.io and extensions): Healthy once the load balancer reports an address. */
final class IngressHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode ingress) {
        return Optional.of(ingress.path("status").path("loadBalancer").path("ingress").isEmpty()
                ? Health.progressing("")
                : Health.healthy(""));
    }
}
