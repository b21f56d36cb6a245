package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.lua.LuaHealthScript;
import java.util.Optional;

/**
 * {@code argoproj.io/Application}, for app-of-apps, when asked for: Argo CD judges an Application
 * by nothing unless {@code resource.customizations.health.argoproj.io_Application} holds the
 * check its health documentation gives, and this is that check. Progressing with no message
 * until the child reports {@code status.health}; then the child's status and message; a
 * {@code status.health} without a valid status is Unknown, as Argo CD says of a Lua check that
 * returns one.
 */
final class ArgoApplicationHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode application) {
        JsonNode health = application.path("status").path("health");
        if (health.isMissingNode() || health.isNull()) {
            return Optional.of(Health.progressing(""));
        }
        return Optional.of(HealthStatus.fromDisplayName(text(health.path("status")))
                .map(s -> new Health(s, text(health.path("message"))))
                .orElse(Health.unknown(LuaHealthScript.INVALID_STATUS)));
    }
}
