package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.lua.LuaHealthScript;
import java.util.Optional;

/**
 * {@code argoproj.io/Application}, for app-of-apps: the health the child application reports in
 * {@code status.health}, as Argo CD's bundled check reads it; Progressing until it reports one.
 */
final class ArgoApplicationHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode application) {
        JsonNode health = application.path("status").path("health");
        String status = text(health.path("status"));
        if (status.isEmpty()) {
            return Optional.of(Health.progressing("Waiting for application to be reconciled"));
        }
        return Optional.of(HealthStatus.fromDisplayName(status)
                .map(s -> new Health(s, text(health.path("message"))))
                .orElse(Health.unknown(LuaHealthScript.INVALID_STATUS)));
    }
}
