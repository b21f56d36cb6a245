package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.core.fleet.ApplicationSetApplicationStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an ApplicationSet object's {@code status.applicationStatus} (Argo CD's field names:
 * {@code application}, {@code status}, {@code step} as a string, {@code message},
 * {@code lastTransitionTime}, {@code targetRevisions}) back into the progressive sync statuses a
 * restarted controller resumes its RollingSync from. An entry without an application, with a
 * status other than Waiting, Pending, Progressing or Healthy, or with an unreadable time is left
 * out with a warning naming the set and the entry; that application then starts again as Waiting.
 */
final class ApplicationSetRollout {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSetRollout.class);
    private static final Set<String> STATUSES = Set.of(ApplicationSetApplicationStatus.WAITING,
            ApplicationSetApplicationStatus.PENDING, ApplicationSetApplicationStatus.PROGRESSING,
            ApplicationSetApplicationStatus.HEALTHY);

    private ApplicationSetRollout() {
    }

    /** The progressive sync statuses of the set's object, in order; empty when it has none. */
    static List<ApplicationSetApplicationStatus> read(ApplicationObjects.Ref set, JsonNode object) {
        List<ApplicationSetApplicationStatus> statuses = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : object.path("status").path("applicationStatus")) {
            String where = "ApplicationSet " + set + " status.applicationStatus[" + index++ + "]";
            String application = entry.path("application").asText("");
            String status = entry.path("status").asText("");
            if (application.isEmpty() || !STATUSES.contains(status)) {
                LOG.warn("{}: no application or an unknown status '{}'; it starts again as Waiting", where, status);
                continue;
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(entry.path("lastTransitionTime").asText("")).toInstant();
            } catch (DateTimeParseException e) {
                LOG.warn("{}: lastTransitionTime is not an RFC 3339 time; {} starts again as Waiting", where,
                        application);
                continue;
            }
            int step;
            try {
                step = Integer.parseInt(entry.path("step").asText("-1"));
            } catch (NumberFormatException e) {
                step = -1;   // taken again from the set's steps at the next generation
            }
            statuses.add(new ApplicationSetApplicationStatus(application, status, step,
                    entry.path("message").asText(""), entry.path("targetRevisions").path(0).asText(""), at));
        }
        return statuses;
    }
}
