package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.k8s.health.HealthStatus;
import java.util.Optional;

/** {@code PersistentVolumeClaim}: Bound is Healthy, Pending Progressing, Lost Degraded, anything else Unknown. */
final class PersistentVolumeClaimHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode claim) {
        HealthStatus status = switch (ObjectFields.text(claim.path("status").path("phase"))) {
            case "Bound" -> HealthStatus.HEALTHY;
            case "Pending" -> HealthStatus.PROGRESSING;
            case "Lost" -> HealthStatus.DEGRADED;
            default -> HealthStatus.UNKNOWN;
        };
        return Optional.of(Health.of(status));
    }
}
