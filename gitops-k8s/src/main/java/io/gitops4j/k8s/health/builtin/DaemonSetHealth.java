package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.number;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code apps/DaemonSet}: Argo CD's rules. Progressing until the spec is observed and every
 * scheduled pod is updated and available; {@code OnDelete} daemon sets are Healthy once observed.
 */
final class DaemonSetHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode daemonSet) {
        if (ObjectFields.generation(daemonSet) > ObjectFields.observedGeneration(daemonSet)) {
            return Optional.of(Health.progressing(
                    "Waiting for rollout to finish: observed daemon set generation less than desired generation"));
        }
        JsonNode status = daemonSet.path("status");
        long updated = number(status.path("updatedNumberScheduled"), 0);
        long desired = number(status.path("desiredNumberScheduled"), 0);
        long available = number(status.path("numberAvailable"), 0);
        if ("OnDelete".equals(ObjectFields.text(daemonSet.path("spec").path("updateStrategy").path("type")))) {
            return Optional.of(Health.healthy("daemon set " + updated + " out of " + desired
                    + " new pods have been updated"));
        }
        String name = ObjectFields.name(daemonSet);
        if (updated < desired) {
            return Optional.of(Health.progressing("Waiting for daemon set \"" + name + "\" rollout to finish: "
                    + updated + " out of " + desired + " new pods have been updated..."));
        }
        if (available < desired) {
            return Optional.of(Health.progressing("Waiting for daemon set \"" + name + "\" rollout to finish: "
                    + available + " of " + desired + " updated pods are available..."));
        }
        return Optional.of(Health.healthy(""));
    }
}
