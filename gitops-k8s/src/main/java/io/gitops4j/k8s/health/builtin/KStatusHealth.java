package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * kstatus rules for custom resources nobody wrote a check for, as Flux judges them: a spec
 * generation the controller has not observed yet is Progressing; a true {@code Reconciling}
 * condition is Progressing and a true {@code Stalled} one Degraded; a {@code Ready} condition
 * decides when present (True is Healthy, anything else Progressing); an observed generation
 * without any of those conditions is Healthy.
 *
 * <p>A resource that shows none of these signals (no {@code status.observedGeneration}, no such
 * condition) has no health, as in Argo CD, rather than kstatus' optimistic "Current".
 */
public final class KStatusHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode resource) {
        JsonNode observed = resource.path("status").path("observedGeneration");
        JsonNode generation = resource.path("metadata").path("generation");
        if (observed.isNumber() && generation.isNumber() && observed.asLong() != generation.asLong()) {
            return Optional.of(Health.progressing(KubernetesObjects.kind(resource) + " generation is "
                    + generation.asLong() + ", but latest observed generation is " + observed.asLong()));
        }
        for (JsonNode condition : resource.path("status").path("conditions")) {
            boolean isTrue = "True".equals(text(condition.path("status")));
            String type = text(condition.path("type"));
            if (isTrue && "Reconciling".equals(type)) {
                return Optional.of(Health.progressing(text(condition.path("message"))));
            }
            if (isTrue && "Stalled".equals(type)) {
                return Optional.of(Health.degraded(text(condition.path("message"))));
            }
        }
        Optional<JsonNode> ready = ObjectFields.condition(resource, "Ready");
        if (ready.isPresent()) {
            String message = text(ready.get().path("message"));
            return Optional.of("True".equals(text(ready.get().path("status")))
                    ? Health.healthy(message)
                    : Health.progressing(message));
        }
        return observed.isNumber() ? Optional.of(Health.healthy("Resource is current")) : Optional.empty();
    }
}
