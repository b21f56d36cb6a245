package io.gitops4j.k8s.health.builtin;

import static io.gitops4j.k8s.health.builtin.ObjectFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.util.Optional;

/**
 * {@code batch/CronJob}: the check Argo CD 3.2 added. Active jobs are Progressing; a last
 * schedule newer than the last success (or no success at all) is Degraded; otherwise Healthy.
 * A suspended CronJob has no health, as in Argo CD, so that it does not suspend its application.
 */
final class CronJobHealth implements HealthCheck {

    @Override
    public Optional<Health> check(JsonNode cronJob) {
        if (cronJob.path("spec").path("suspend").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode status = cronJob.path("status");
        if (!status.isObject()) {
            return Optional.of(Health.progressing("Waiting for CronJob"));
        }
        int active = status.path("active").size();
        if (active > 0) {
            return Optional.of(Health.progressing("Waiting for " + active + " Jobs to complete"));
        }
        String lastSchedule = text(status.path("lastScheduleTime"));
        if (lastSchedule.isEmpty()) {
            return Optional.of(Health.healthy(""));
        }
        // RFC 3339 timestamps in UTC compare correctly as text.
        String lastSuccess = text(status.path("lastSuccessfulTime"));
        if (lastSuccess.isEmpty() || lastSuccess.compareTo(lastSchedule) < 0) {
            return Optional.of(Health.degraded("CronJob has not completed its last execution successfully"));
        }
        return Optional.of(Health.healthy("CronJob has completed its last execution successfully"));
    }
}
