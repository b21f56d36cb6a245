package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code batch/Job}: Argo CD's rules. Progressing until a {@code Complete}, {@code Failed} or
 * {@code Suspended} condition appears; then Degraded when it failed, Suspended when it is
 * suspended, Healthy otherwise.
 */
final class JobHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode job) {
        boolean failed = false;
        boolean complete = false;
        boolean suspended = false;
        String failMessage = "";
        String message = "";
        for (JsonNode condition : job.path("status").path("conditions")) {
            switch (text(condition.path("type"))) {
                case "Failed" -> {
                    failed = true;
                    complete = true;
                    failMessage = text(condition.path("message"));
                }
                case "Complete" -> {
                    complete = true;
                    message = text(condition.path("message"));
                }
                case "Suspended" -> {
                    complete = true;
                    message = text(condition.path("message"));
                    suspended = "True".equals(text(condition.path("status")));
                }
                default -> {
                    // other condition types do not decide a Job's health
                }
            }
        }
        if (!complete) {
            return Optional.of(Health.progressing(message));
        }
        if (failed) {
            return Optional.of(Health.degraded(failMessage));
        }
        if (suspended) {
            // Argo CD reports the (empty) failure message for a suspended Job, not the condition's.
            return Optional.of(Health.suspended(failMessage));
        }
        return Optional.of(Health.healthy(message));
    }
}
