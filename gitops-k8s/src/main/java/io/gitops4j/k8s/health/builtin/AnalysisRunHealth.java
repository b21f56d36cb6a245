package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code argoproj.io/AnalysisRun} (Argo Rollouts), by its {@code status.phase} as Argo CD reads
 * it: Pending and Running are Progressing, Successful Healthy, Failed and Error Degraded,
 * Inconclusive Unknown (a person must decide), each with {@code status.message} when the run
 * gives one. No status yet is Progressing; a status with a phase Argo CD does not know has no
 * health.
 */
final class AnalysisRunHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode analysisRun) {
        JsonNode status = analysisRun.path("status");
        if (status.isMissingNode() || status.isNull()) {
            return Optional.of(Health.progressing("Waiting for analysis run to finish: status has not been reconciled."));
        }
        JsonNode message = status.path("message");
        return Optional.ofNullable(switch (text(status.path("phase"))) {
            case "Pending", "Running" -> Health.progressing("Analysis run is running");
            case "Successful" -> Health.healthy(or(message, "Analysis run completed successfully"));
            case "Failed" -> Health.degraded(or(message, "Analysis run failed"));
            case "Error" -> Health.degraded(or(message, "Analysis run had an error"));
            case "Inconclusive" -> Health.unknown(or(message, "Analysis run was inconclusive"));
            default -> null;
        });
    }

    /** The run's message when it has one (an empty one included), else the default. */
    private static String or(JsonNode message, String fallback) {
        return message.isMissingNode() || message.isNull() ? fallback : text(message);
    }
}
