package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ApplicationSummary;
import io.gitops4j.core.engine.ApplicationSyncStatus;
import io.gitops4j.core.engine.ComparedTo;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.ResourceStatus;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.SyncOperationResult;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.render.SourceType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Application's {@code .status} as Argo CD (or {@link StatusWriter}) wrote it, read back into
 * an {@link ApplicationStatus}: what a restarted controller, or one taking over from Argo CD,
 * starts from, so that it neither syncs again what was synced nor forgets the history. Lenient:
 * a part that cannot be read (a history entry without a source, a time that is not one) is left
 * out with a log line, never fails the application.
 */
final class StatusReader {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReader.class);

    private final SpecDocuments specs;
    private final OperationDocuments operations;

    StatusReader(SpecDocuments specs, OperationDocuments operations) {
        this.specs = specs;
        this.operations = operations;
    }

    /** The status; {@code where} names the Application in log lines. */
    ApplicationStatus read(JsonNode status, String where) {
        JsonNode sync = status.path("sync");
        ApplicationSyncStatus syncStatus = new ApplicationSyncStatus(syncCode(sync.path("status").asText("")),
                sync.path("revision").asText(""), comparedTo(sync.path("comparedTo"), where),
                texts(sync.path("revisions")));
        List<ResourceStatus> resources = new ArrayList<>();
        status.path("resources").forEach(r -> resources.add(new ResourceStatus(key(r), r.path("version").asText(""),
                syncCode(r.path("status").asText("")),
                r.path("health").isObject() ? Optional.of(health(r.path("health"))) : Optional.empty(),
                r.path("requiresPruning").asBoolean(false), r.path("syncWave").asInt(0))));
        List<Condition> conditions = new ArrayList<>();
        status.path("conditions").forEach(c -> conditionType(c.path("type").asText("")).ifPresent(type -> conditions
                .add(new Condition(type, c.path("message").asText(""), time(c.path("lastTransitionTime"))
                        .orElse(Instant.EPOCH)))));
        List<RevisionHistory> history = new ArrayList<>();
        status.path("history").forEach(h -> history(h, where).ifPresent(history::add));
        JsonNode summary = status.path("summary");
        return new ApplicationStatus(syncStatus, health(status.path("health")), conditions,
                operationState(status.path("operationState"), where), resources, history,
                time(status.path("reconciledAt")),
                new ApplicationSummary(texts(summary.path("externalURLs")), texts(summary.path("images"))),
                Arrays.stream(SourceType.values())
                        .filter(t -> StatusWriter.sourceType(t).equals(status.path("sourceType").asText("")))
                        .findFirst());
    }

    private Optional<ComparedTo> comparedTo(JsonNode json, String where) {
        String at = where + " status.sync.comparedTo";
        if (!hasSource(json) && !(json.path("sources").isArray() && !json.path("sources").isEmpty())) {
            return Optional.empty();
        }
        try {
            List<ApplicationSource> sources = sources(json.path("sources"), at);
            JsonNode rulesSource = hasSource(json) ? json.path("source") : json.path("sources").get(0);
            return Optional.of(new ComparedTo(source(json, sources, at),
                    SpecDocuments.readDestination(json.path("destination")),
                    specs.readIgnoreDifferences(json.path("ignoreDifferences"), rulesSource, where), sources));
        } catch (GitOpsException e) {
            LOG.debug("{}: {}", where, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<OperationState> operationState(JsonNode json, String where) {
        if (!json.isObject()) {
            return Optional.empty();
        }
        try {
            Optional<Instant> startedAt = time(json.path("startedAt"));
            OperationPhase phase = phase(json.path("phase").asText(""));
            if (startedAt.isEmpty()) {
                throw new GitOpsException("status.operationState.startedAt is missing");
            }
            JsonNode result = json.path("syncResult");
            String resultAt = where + " status.operationState.syncResult";
            List<ApplicationSource> resultSources = sources(result.path("sources"), resultAt);
            Optional<SyncOperationResult> syncResult = result.isObject()
                    && (hasSource(result) || !resultSources.isEmpty())
                    ? Optional.of(new SyncOperationResult(result.path("revision").asText(""),
                            source(result, resultSources, resultAt), resourceResults(result.path("resources")),
                            texts(result.path("revisions")), resultSources))
                    : Optional.empty();
            return Optional.of(new OperationState(operations.read(json.path("operation"), "status.operationState.operation"),
                    phase, json.path("message").asText(""), startedAt.get(), time(json.path("finishedAt")),
                    json.path("retryCount").asInt(0), syncResult));
        } catch (GitOpsException e) {
            LOG.warn("{}: the last operation in the status cannot be read ({}); it is left out", where, e.getMessage());
            return Optional.empty();
        }
    }

    private static List<ResourceResult> resourceResults(JsonNode json) {
        List<ResourceResult> results = new ArrayList<>();
        for (JsonNode r : json) {
            Optional<HookType> hook = HookType.fromAnnotationValue(r.path("hookType").asText(""));
            ResourceAction action = switch (r.path("status").asText("")) {
                case "Synced" -> ResourceAction.CONFIGURED;
                case "Pruned" -> ResourceAction.PRUNED;
                case "PruneSkipped" -> ResourceAction.PRUNE_SKIPPED;
                case "SyncFailed" -> ResourceAction.FAILED;
                default -> ResourceAction.NOT_RUN;
            };
            OperationPhase status = hook.isPresent() ? phase(r.path("hookPhase").asText(""))
                    : action == ResourceAction.FAILED ? OperationPhase.FAILED
                    : action == ResourceAction.NOT_RUN ? OperationPhase.PENDING : OperationPhase.SUCCEEDED;
            SyncPhase syncPhase = Arrays.stream(SyncPhase.values())
                    .filter(p -> p.displayName().equals(r.path("syncPhase").asText(""))).findFirst().orElse(SyncPhase.SYNC);
            results.add(new ResourceResult(key(r), syncPhase, 0, action, status, r.path("message").asText(""), hook));
        }
        return results;
    }

    private Optional<RevisionHistory> history(JsonNode json, String where) {
        Optional<Instant> deployedAt = time(json.path("deployedAt"));
        boolean severalSources = json.path("sources").isArray() && !json.path("sources").isEmpty();
        if (deployedAt.isEmpty() || !(hasSource(json) || severalSources)) {
            LOG.debug("{}: history entry {} has no deployedAt or source; left out", where, json.path("id"));
            return Optional.empty();
        }
        try {
            String at = where + " status.history";
            List<ApplicationSource> sources = sources(json.path("sources"), at);
            JsonNode initiatedBy = json.path("initiatedBy");
            return Optional.of(new RevisionHistory(json.path("id").asLong(0), json.path("revision").asText(""),
                    source(json, sources, at), deployedAt.get(),
                    time(json.path("deployStartedAt")).orElse(deployedAt.get()),
                    new InitiatedBy(initiatedBy.path("username").asText(""),
                            initiatedBy.path("automated").asBoolean(false)),
                    texts(json.path("revisions")), sources));
        } catch (GitOpsException e) {
            LOG.debug("{}: {}", where, e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether {@code json.source} names a repository (Argo CD writes {@code {repoURL: ""}} beside several sources). */
    private static boolean hasSource(JsonNode json) {
        return json.path("source").isObject() && !json.path("source").path("repoURL").asText("").isBlank();
    }

    /** The entry's {@code source}, or the first of its several sources when it has none of its own. */
    private ApplicationSource source(JsonNode json, List<ApplicationSource> sources, String where) {
        return hasSource(json) || sources.isEmpty() ? specs.readSource(json.path("source"), where) : sources.get(0);
    }

    private List<ApplicationSource> sources(JsonNode json, String where) {
        List<ApplicationSource> sources = new ArrayList<>();
        for (JsonNode source : json) {
            sources.add(specs.readSource(source, where + ".sources[" + sources.size() + "]"));
        }
        return sources;
    }

    private static ResourceKey key(JsonNode json) {
        return new ResourceKey(json.path("group").asText(""), json.path("kind").asText(""),
                json.path("namespace").asText(""), json.path("name").asText(""));
    }

    private static Health health(JsonNode json) {
        HealthStatus status = HealthStatus.fromDisplayName(json.path("status").asText("")).orElse(HealthStatus.UNKNOWN);
        return new Health(status, json.path("message").asText(""));
    }

    private static SyncStatusCode syncCode(String text) {
        return Arrays.stream(SyncStatusCode.values()).filter(c -> c.displayName().equals(text)).findFirst()
                .orElse(SyncStatusCode.UNKNOWN);
    }

    private static OperationPhase phase(String text) {
        return Arrays.stream(OperationPhase.values()).filter(p -> p.displayName().equals(text)).findFirst()
                .orElse(OperationPhase.UNKNOWN);
    }

    private static Optional<ConditionType> conditionType(String text) {
        return Arrays.stream(ConditionType.values()).filter(t -> t.argoName().equals(text)).findFirst();
    }

    private static Optional<Instant> time(JsonNode json) {
        if (!json.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(json.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> texts(JsonNode json) {
        List<String> texts = new ArrayList<>();
        json.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
