package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/** {@code argoproj.io/Workflow}: its phase; Argo CD has this check built in. */
final class ArgoWorkflowHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode workflow) {
        JsonNode status = workflow.path("status");
        String message = ObjectFields.text(status.path("message"));
        return Optional.of(switch (ObjectFields.text(status.path("phase"))) {
            case "", "Pending", "Running" -> Health.progressing(message);
            case "Succeeded" -> Health.healthy(message);
            case "Failed", "Error" -> Health.degraded(message);
            default -> Health.unknown(message);
        });
    }
}
