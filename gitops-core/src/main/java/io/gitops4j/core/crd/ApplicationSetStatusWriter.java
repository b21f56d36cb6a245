package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.UnknownApplicationException;
import io.gitops4j.core.fleet.ApplicationSetApplicationStatus;
import io.gitops4j.core.fleet.ApplicationSetCondition;
import io.gitops4j.core.fleet.ApplicationSetStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an ApplicationSet's {@code .status} as Argo CD's applicationset-controller writes it,
 * through the status subresource and only when it changed: {@code conditions} (a condition whose
 * status, reason and message stay the same keeps its {@code lastTransitionTime}; sorted by type),
 * {@code applicationStatus} (RollingSync) and {@code resources} with {@code resourcesCount} (each
 * generated Application's sync and health status, by name). Thread-safe.
 */
final class ApplicationSetStatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSetStatusWriter.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ApplicationObjects sets;
    private final ApplicationObjects applications;
    private final ApplicationController engine;
    private final Clock clock;
    private long writes;

    ApplicationSetStatusWriter(ApplicationObjects sets, ApplicationObjects applications, ApplicationController engine,
            Clock clock) {
        this.sets = sets;
        this.applications = applications;
        this.engine = engine;
        this.clock = clock;
    }

    /** Writes the reconciler's status of the set, if it differs from the object's. */
    synchronized void write(ApplicationObjects.Ref ref, ApplicationSetStatus status) {
        ObjectNode json = JSON.objectNode();
        ArrayNode conditions = json.putArray("conditions");
        status.conditions().stream().sorted(Comparator.comparing(ApplicationSetCondition::type)).forEach(c -> conditions
                .addObject().put("type", c.type()).put("status", c.status() ? "True" : "False")
                .put("reason", c.reason()).put("message", c.message())
                .put("lastTransitionTime", StatusWriter.time(c.lastTransitionTime())));
        if (!status.applicationStatus().isEmpty()) {
            ArrayNode rollout = json.putArray("applicationStatus");
            for (ApplicationSetApplicationStatus app : status.applicationStatus()) {
                ObjectNode entry = rollout.addObject().put("application", app.application())
                        .put("status", app.status()).put("step", Integer.toString(app.step()))
                        .put("message", app.message())
                        .put("lastTransitionTime", StatusWriter.time(app.lastTransitionTime()));
                ArrayNode revisions = entry.putArray("targetRevisions");
                if (!app.targetRevision().isEmpty()) {
                    revisions.add(app.targetRevision());
                }
            }
        }
        resources(ref.namespace(), status.applications(), json);
        store(ref, json);
    }

    /** Writes the set's {@code ErrorOccurred} condition when its object cannot be read; the rest stays. */
    synchronized void writeError(ApplicationObjects.Ref ref, String message) {
        sets.get(ref).ifPresent(object -> {
            ObjectNode json = object.path("status").isObject() ? ((ObjectNode) object.get("status")).deepCopy()
                    : JSON.objectNode();
            ArrayNode conditions = json.putArray("conditions");
            String now = StatusWriter.time(clock.instant());
            conditions.addObject().put("type", ApplicationSetCondition.ERROR_OCCURRED).put("status", "True")
                    .put("reason", "ApplicationSetSpecError").put("message", message).put("lastTransitionTime", now);
            conditions.addObject().put("type", ApplicationSetCondition.PARAMETERS_GENERATED).put("status", "False")
                    .put("reason", "ErrorOccurred").put("message", message).put("lastTransitionTime", now);
            conditions.addObject().put("type", ApplicationSetCondition.RESOURCES_UP_TO_DATE).put("status", "False")
                    .put("reason", "ErrorOccurred").put("message", message).put("lastTransitionTime", now);
            store(ref, json);
        });
    }

    /** {@return how many times a set's status was written} */
    synchronized long writes() {
        return writes;
    }

    private void resources(String namespace, List<String> names, ObjectNode json) {
        ArrayNode resources = json.putArray("resources");
        for (String name : names.stream().sorted().toList()) {
            ObjectNode entry = resources.addObject().put("group", "argoproj.io").put("version", "v1alpha1")
                    .put("kind", "Application").put("name", name).put("namespace", namespace);
            Optional<ApplicationStatus> status = status(applications.engineName(namespace, name));
            entry.put("status", status.map(s -> s.sync().status().displayName()).orElse("Unknown"));
            entry.putObject("health").put("status", status.map(s -> s.health().status().displayName())
                    .orElse("Unknown"));
        }
        json.put("resourcesCount", names.size());
    }

    private Optional<ApplicationStatus> status(String engineName) {
        try {
            return Optional.of(engine.status(engineName));
        } catch (UnknownApplicationException e) {
            return Optional.empty();
        }
    }

    /** Keeps each condition's time while it says the same, then writes when anything differs. */
    private void store(ApplicationObjects.Ref ref, ObjectNode wanted) {
        for (int attempt = 1; attempt <= ApplicationObjects.ATTEMPTS; attempt++) {
            Optional<ObjectNode> current = sets.get(ref);
            if (current.isEmpty()) {
                return;
            }
            ObjectNode object = current.get();
            JsonNode before = object.path("status");
            ObjectNode status = keepTransitionTimes(before, wanted.deepCopy());
            if (status.equals(before)) {
                return;
            }
            object.set("status", status);
            try {
                sets.cluster().updateStatus(object);
                writes++;
                return;
            } catch (ClusterException e) {
                if (e.code() == 404) {
                    return;
                }
                if (e.code() != 409 || attempt == ApplicationObjects.ATTEMPTS) {
                    LOG.warn("ApplicationSet {}: cannot write its status: {}", ref, e.getMessage());
                    return;
                }
            }
        }
    }

    private static ObjectNode keepTransitionTimes(JsonNode before, ObjectNode status) {
        List<JsonNode> old = new ArrayList<>();
        before.path("conditions").forEach(old::add);
        for (JsonNode condition : status.path("conditions")) {
            for (JsonNode previous : old) {
                if (same(previous, condition, "type", "status", "reason", "message")) {
                    ((ObjectNode) condition).set("lastTransitionTime", previous.path("lastTransitionTime"));
                }
            }
        }
        return status;
    }

    private static boolean same(JsonNode a, JsonNode b, String... fields) {
        for (String field : fields) {
            if (!a.path(field).asText().equals(b.path(field).asText())) {
                return false;
            }
        }
        return true;
    }
}
