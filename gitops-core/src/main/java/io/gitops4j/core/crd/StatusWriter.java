package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ComparedTo;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.ResourceStatus;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.SyncOperationResult;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.render.SourceType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ApplicationStatus} as Argo CD writes an Application's {@code .status}: the field names
 * and shapes of Argo CD's {@code ApplicationStatus} ({@code sync}, {@code health},
 * {@code resources}, {@code conditions}, {@code operationState}, {@code history},
 * {@code reconciledAt}, {@code summary}, {@code sourceType}), empty fields left out as Go's
 * {@code omitempty} does, times in whole seconds (RFC 3339) as {@code metav1.Time}.
 */
final class StatusWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SpecDocuments specs;
    private final OperationDocuments operations;

    StatusWriter(SpecDocuments specs, OperationDocuments operations) {
        this.specs = specs;
        this.operations = operations;
    }

    ObjectNode write(ApplicationStatus status) {
        ObjectNode json = JSON.objectNode();
        ObjectNode sync = json.putObject("sync").put("status", status.sync().status().displayName());
        status.sync().comparedTo().ifPresent(compared -> sync.set("comparedTo", comparedTo(compared)));
        if (!status.sync().revision().isEmpty()) {
            sync.put("revision", status.sync().revision());
        }
        if (!status.sync().revisions().isEmpty()) {
            status.sync().revisions().forEach(sync.putArray("revisions")::add);
        }
        json.set("health", health(status.health()));
        Map<ResourceKey, String> versions = new HashMap<>();
        if (!status.resources().isEmpty()) {
            ArrayNode resources = json.putArray("resources");
            status.resources().forEach(resource -> {
                versions.put(resource.key(), resource.version());
                resources.add(resource(resource));
            });
        }
        if (!status.conditions().isEmpty()) {
            ArrayNode conditions = json.putArray("conditions");
            for (Condition condition : status.conditions()) {
                conditions.addObject().put("type", condition.type().argoName()).put("message", condition.message())
                        .put("lastTransitionTime", time(condition.lastTransitionTime()));
            }
        }
        status.operationState().ifPresent(state -> json.set("operationState", operationState(state, versions)));
        if (!status.history().isEmpty()) {
            ArrayNode history = json.putArray("history");
            status.history().forEach(entry -> history.add(history(entry)));
        }
        status.reconciledAt().ifPresent(at -> json.put("reconciledAt", time(at)));
        ObjectNode summary = json.putObject("summary");
        if (!status.summary().externalURLs().isEmpty()) {
            status.summary().externalURLs().forEach(summary.putArray("externalURLs")::add);
        }
        if (!status.summary().images().isEmpty()) {
            status.summary().images().forEach(summary.putArray("images")::add);
        }
        status.sourceType().ifPresent(type -> json.put("sourceType", sourceType(type)));
        return json;
    }

    private ObjectNode comparedTo(ComparedTo compared) {
        ObjectNode json = JSON.objectNode();
        json.set("source", specs.write(compared.source()));
        json.set("destination", SpecDocuments.write(compared.destination()));
        writeSources(json, compared.sources(), List.of());
        if (!compared.ignoreDifferences().isEmpty()) {
            specs.write(compared.ignoreDifferences()).ifPresent(rules -> json.set("ignoreDifferences", rules));
        }
        return json;
    }

    private static ObjectNode health(Health health) {
        ObjectNode json = JSON.objectNode().put("status", health.status().displayName());
        if (!health.message().isEmpty()) {
            json.put("message", health.message());
        }
        return json;
    }

    private static ObjectNode resource(ResourceStatus resource) {
        ObjectNode json = key(JSON.objectNode(), resource.key(), resource.version(), false);
        json.put("status", resource.status().displayName());
        resource.health().ifPresent(health -> json.set("health", health(health)));
        if (resource.requiresPruning()) {
            json.put("requiresPruning", true);
        }
        if (resource.syncWave() != 0) {
            json.put("syncWave", resource.syncWave());
        }
        return json;
    }

    private ObjectNode operationState(OperationState state, Map<ResourceKey, String> versions) {
        ObjectNode json = JSON.objectNode();
        json.set("operation", operations.write(state.operation()));
        json.put("phase", state.phase().displayName());
        if (!state.message().isEmpty()) {
            json.put("message", state.message());
        }
        json.put("startedAt", time(state.startedAt()));
        state.finishedAt().ifPresent(at -> json.put("finishedAt", time(at)));
        if (state.retryCount() > 0) {
            json.put("retryCount", state.retryCount());
        }
        state.syncResult().ifPresent(result -> json.set("syncResult", syncResult(result, versions)));
        return json;
    }

    private ObjectNode syncResult(SyncOperationResult result, Map<ResourceKey, String> versions) {
        ObjectNode json = JSON.objectNode();
        if (!result.resources().isEmpty()) {
            ArrayNode resources = json.putArray("resources");
            for (ResourceResult resource : result.resources()) {
                ObjectNode entry = key(resources.addObject(), resource.key(),
                        versions.getOrDefault(resource.key(), ""), true);
                resultCode(resource.action()).ifPresent(code -> entry.put("status", code));
                if (!resource.message().isEmpty()) {
                    entry.put("message", resource.message());
                }
                resource.hook().ifPresent(hook -> entry.put("hookType", hook.annotationValue())
                        .put("hookPhase", resource.status().displayName()));
                entry.put("syncPhase", resource.phase().displayName());
            }
        }
        json.put("revision", result.revision());
        json.set("source", specs.write(result.source()));
        writeSources(json, result.sources(), result.revisions());
        return json;
    }

    /** Argo CD's {@code ResultCode} of a resource's sync: Synced, SyncFailed, Pruned or PruneSkipped; none when not run. */
    static Optional<String> resultCode(ResourceAction action) {
        return switch (action) {
            case CREATED, CONFIGURED, UNCHANGED -> Optional.of("Synced");
            case PRUNED -> Optional.of("Pruned");
            case PRUNE_SKIPPED -> Optional.of("PruneSkipped");
            case FAILED -> Optional.of("SyncFailed");
            case NOT_RUN -> Optional.empty();
        };
    }

    private ObjectNode history(RevisionHistory entry) {
        ObjectNode json = JSON.objectNode().put("id", entry.id()).put("revision", entry.revision());
        json.put("deployedAt", time(entry.deployedAt())).put("deployStartedAt", time(entry.deployStartedAt()));
        json.set("source", specs.write(entry.source()));
        writeSources(json, entry.sources(), entry.revisions());
        ObjectNode initiatedBy = json.putObject("initiatedBy");
        if (!entry.initiatedBy().username().isEmpty()) {
            initiatedBy.put("username", entry.initiatedBy().username());
        }
        if (entry.initiatedBy().automated()) {
            initiatedBy.put("automated", true);
        }
        return json;
    }

    /** An application of several sources: Argo CD's {@code sources} and {@code revisions}, left out when empty. */
    private void writeSources(ObjectNode json, List<ApplicationSource> sources, List<String> revisions) {
        if (!sources.isEmpty()) {
            ArrayNode array = json.putArray("sources");
            sources.forEach(source -> array.add(specs.write(source)));
        }
        if (!revisions.isEmpty()) {
            revisions.forEach(json.putArray("revisions")::add);
        }
    }

    /** Group, version, kind, namespace and name; {@code always} writes group and namespace even when empty (a sync result's required fields). */
    private static ObjectNode key(ObjectNode json, ResourceKey key, String version, boolean always) {
        if (always || !key.group().isEmpty()) {
            json.put("group", key.group());
        }
        json.put("version", version).put("kind", key.kind());
        if (always || !key.namespace().isEmpty()) {
            json.put("namespace", key.namespace());
        }
        return json.put("name", key.name());
    }

    /** Argo CD's {@code ApplicationSourceType}: Directory, Kustomize, Helm or Plugin. */
    static String sourceType(SourceType type) {
        String name = type.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A {@code metav1.Time}: RFC 3339 in whole seconds, UTC. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
