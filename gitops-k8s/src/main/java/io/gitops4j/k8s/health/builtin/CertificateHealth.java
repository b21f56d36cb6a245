package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code cert-manager.io/Certificate}, as Argo CD reads cert-manager's conditions: a true
 * {@code Issuing} condition, wherever it is in the list, is Progressing with its message (a
 * renewal in flight beats a Ready that is still true); otherwise the first {@code Ready} that is
 * true is Healthy and one that is false Degraded, with its message; until then, Progressing.
 */
final class CertificateHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode certificate) {
        for (JsonNode condition : certificate.path("status").path("conditions")) {
            if ("Issuing".equals(text(condition.path("type"))) && "True".equals(text(condition.path("status")))) {
                return Optional.of(Health.progressing(text(condition.path("message"))));
            }
        }
        return Optional.of(ObjectFields.trueOrFalse(certificate, "Ready")
                .orElse(Health.progressing("Waiting for certificate")));
    }
}
