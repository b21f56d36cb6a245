package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code pkg.crossplane.io/Provider}, which Argo CD judges with a check of its own rather than
 * the {@code *.crossplane.io} one: Healthy when both its {@code Installed} and {@code Healthy}
 * conditions are true, Degraded otherwise, with the two conditions' reasons as the message
 * ("ActivePackageRevision UnhealthyPackageRevision"); Progressing until it has conditions.
 * Conditions without both an {@code Installed} and a {@code Healthy} one, each with a reason,
 * are Unknown, as in Argo CD, whose script fails on them.
 */
final class CrossplaneProviderHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode provider) {
        JsonNode conditions = provider.path("status").path("conditions");
        if (conditions.isMissingNode() || conditions.isNull()) {
            return Optional.of(Health.progressing("Waiting for provider to be installed"));
        }
        JsonNode installed = null;
        JsonNode healthy = null;
        for (JsonNode condition : conditions) {
            switch (text(condition.path("type"))) {
                case "Installed" -> installed = condition;
                case "Healthy" -> healthy = condition;
                default -> {
                    // other conditions do not decide a provider's health
                }
            }
        }
        if (!hasReason(installed) || !hasReason(healthy)) {
            return Optional.of(Health.unknown("Provider has conditions but not both an Installed and a Healthy one"
                    + " with a reason: cannot judge it"));
        }
        String message = text(installed.path("reason")) + " " + text(healthy.path("reason"));
        return Optional.of(isTrue(installed) && isTrue(healthy) ? Health.healthy(message) : Health.degraded(message));
    }

    private static boolean isTrue(JsonNode condition) {
        return condition != null && "True".equals(text(condition.path("status")));
    }

    private static boolean hasReason(JsonNode condition) {
        return condition != null && condition.path("reason").isValueNode() && !condition.path("reason").isNull();
    }
}
