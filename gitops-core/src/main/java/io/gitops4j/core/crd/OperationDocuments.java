package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.SyncStrategy;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Argo CD's {@code Operation} ({@code .operation} of an Application, and
 * {@code status.operationState.operation}) as JSON and back: {@code sync} (revision, prune,
 * dryRun, resources, syncOptions, syncStrategy, source, sources, revisions, autoHealAttemptsCount),
 * {@code initiatedBy} and {@code retry}.
 */
final class OperationDocuments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SpecDocuments specs;

    OperationDocuments(SpecDocuments specs) {
        this.specs = specs;
    }

    /** The operation as Argo CD writes it. */
    ObjectNode write(Operation operation) {
        ObjectNode json = JSON.objectNode();
        ObjectNode sync = json.putObject("sync");
        if (!operation.revision().isEmpty()) {
            sync.put("revision", operation.revision());
        }
        if (operation.prune()) {
            sync.put("prune", true);
        }
        if (operation.dryRun()) {
            sync.put("dryRun", true);
        }
        if (!operation.resources().isEmpty()) {
            ArrayNode resources = sync.putArray("resources");
            for (ResourceKey key : operation.resources()) {
                ObjectNode resource = resources.addObject();
                if (!key.group().isEmpty()) {
                    resource.put("group", key.group());
                }
                resource.put("kind", key.kind()).put("name", key.name());
                if (!key.namespace().isEmpty()) {
                    resource.put("namespace", key.namespace());
                }
            }
        }
        operation.source().ifPresent(source -> sync.set("source", specs.write(source)));
        if (!operation.sources().isEmpty()) {
            ArrayNode sources = sync.putArray("sources");
            operation.sources().forEach(source -> sources.add(specs.write(source)));
        }
        if (!operation.revisions().isEmpty()) {
            ArrayNode revisions = sync.putArray("revisions");
            operation.revisions().forEach(revisions::add);
        }
        writeStrategy(operation.strategy(), sync);
        if (!operation.syncOptions().isEmpty()) {
            ArrayNode options = sync.putArray("syncOptions");
            operation.syncOptions().forEach(options::add);
        }
        if (operation.selfHealAttemptsCount() > 0) {
            sync.put("autoHealAttemptsCount", operation.selfHealAttemptsCount());
        }
        ObjectNode initiatedBy = json.putObject("initiatedBy");
        if (!operation.initiatedBy().username().isEmpty()) {
            initiatedBy.put("username", operation.initiatedBy().username());
        }
        if (operation.initiatedBy().automated()) {
            initiatedBy.put("automated", true);
        }
        if (!operation.retry().equals(RetryPolicy.NONE)) {
            ObjectNode retry = json.putObject("retry").put("limit", operation.retry().limit());
            retry.putObject("backoff").put("duration", goDuration(operation.retry().duration()))
                    .put("factor", operation.retry().factor())
                    .put("maxDuration", goDuration(operation.retry().maxDuration()));
        }
        return json;
    }

    /**
     * The operation an Application's {@code .operation} (or a status's {@code operationState.operation}) asks for.
     *
     * @param where the field, to name in messages ({@code argocd/guestbook .operation})
     * @throws GitOpsException naming the field that is not what Argo CD's API writes
     */
    Operation read(JsonNode json, String where) {
        if (!json.isObject()) {
            throw new GitOpsException(where + " must be a mapping");
        }
        JsonNode sync = json.path("sync");
        if (!sync.isObject()) {
            throw new GitOpsException(where + ".sync is required: GitOps4J runs sync operations only");
        }
        List<ResourceKey> resources = new ArrayList<>();
        JsonNode listed = sync.path("resources");
        if (!listed.isMissingNode() && !listed.isNull() && !listed.isArray()) {
            throw new GitOpsException(where + ".sync.resources must be a list");
        }
        for (JsonNode resource : listed) {
            String kind = resource.path("kind").asText("");
            String name = resource.path("name").asText("");
            if (kind.isEmpty() || name.isEmpty()) {
                throw new GitOpsException(where + ".sync.resources[" + resources.size() + "] needs a kind and a name");
            }
            resources.add(new ResourceKey(resource.path("group").asText(""), kind, resource.path("namespace").asText(""),
                    name));
        }
        List<String> syncOptions = new ArrayList<>();
        sync.path("syncOptions").forEach(option -> syncOptions.add(option.asText()));
        List<ApplicationSource> sources = sources(sync.path("sources"), where + ".sync.sources");
        List<String> revisions = revisions(sync.path("revisions"), where + ".sync.revisions");
        if (!sources.isEmpty() && !revisions.isEmpty() && sources.size() != revisions.size()) {
            throw new GitOpsException(where + ".sync.revisions has " + revisions.size() + " entries for "
                    + sources.size() + " sources; give one revision per source, in the order of sync.sources");
        }
        // a rollback of several sources carries Argo CD's zero source ({repoURL: ""}) beside them
        boolean zeroSource = !sources.isEmpty() && sync.path("source").path("repoURL").asText("").isEmpty();
        Optional<ApplicationSource> source = sync.path("source").isObject() && !zeroSource
                ? Optional.of(specs.readSource(sync.path("source"), where + ".sync.source"))
                : Optional.empty();
        JsonNode initiatedBy = json.path("initiatedBy");
        return new Operation(sync.path("revision").asText(""), source, sync.path("prune").asBoolean(false), false,
                sync.path("dryRun").asBoolean(false), resources, syncOptions,
                new InitiatedBy(initiatedBy.path("username").asText(""), initiatedBy.path("automated").asBoolean(false)),
                retry(json.path("retry"), where + ".retry"), sync.path("autoHealAttemptsCount").asInt(0),
                strategy(sync.path("syncStrategy"), where + ".sync.syncStrategy"), sources, revisions);
    }

    private List<ApplicationSource> sources(JsonNode json, String where) {
        if (json.isMissingNode() || json.isNull()) {
            return List.of();
        }
        if (!json.isArray()) {
            throw new GitOpsException(where + " must be a list of sources");
        }
        List<ApplicationSource> sources = new ArrayList<>();
        for (JsonNode source : json) {
            sources.add(specs.readSource(source, where + "[" + sources.size() + "]"));
        }
        return sources;
    }

    private static List<String> revisions(JsonNode json, String where) {
        if (json.isMissingNode() || json.isNull()) {
            return List.of();
        }
        if (!json.isArray()) {
            throw new GitOpsException(where + " must be a list of revisions, one per source");
        }
        List<String> revisions = new ArrayList<>();
        for (JsonNode revision : json) {
            if (!revision.isTextual()) {
                throw new GitOpsException(where + "[" + revisions.size() + "] must be a revision (text), not " + revision);
            }
            revisions.add(revision.asText());
        }
        return revisions;
    }

    /** Argo CD's {@code syncStrategy}: {@code apply} skips hooks, {@code hook} (or none) runs them; either may force. */
    private static SyncStrategy strategy(JsonNode json, String where) {
        if (json.isMissingNode() || json.isNull()) {
            return SyncStrategy.HOOK;
        }
        if (!json.isObject()) {
            throw new GitOpsException(where + " must be a mapping with apply or hook");
        }
        JsonNode apply = json.path("apply");
        JsonNode hook = json.path("hook");
        if (!apply.isMissingNode() && !apply.isNull()) {
            return SyncStrategy.APPLY.withForce(apply.path("force").asBoolean(false));
        }
        return SyncStrategy.HOOK.withForce(hook.path("force").asBoolean(false));
    }

    private static void writeStrategy(SyncStrategy strategy, ObjectNode sync) {
        if (strategy.equals(SyncStrategy.HOOK)) {
            return;   // Argo CD's default; a sync without syncStrategy runs hooks
        }
        ObjectNode kind = sync.putObject("syncStrategy").putObject(strategy.apply() ? "apply" : "hook");
        if (strategy.force()) {
            kind.put("force", true);
        }
    }

    private static RetryPolicy retry(JsonNode json, String where) {
        if (!json.isObject()) {
            return RetryPolicy.NONE;
        }
        JsonNode backoff = json.path("backoff");
        try {
            return new RetryPolicy(json.path("limit").asInt(0),
                    duration(backoff.path("duration"), RetryPolicy.DEFAULT_DURATION),
                    backoff.path("factor").asInt(RetryPolicy.DEFAULT_FACTOR),
                    duration(backoff.path("maxDuration"), RetryPolicy.DEFAULT_MAX_DURATION));
        } catch (IllegalArgumentException e) {
            throw new GitOpsException(where + ": " + e.getMessage());
        }
    }

    private static Duration duration(JsonNode json, Duration fallback) {
        return json.isTextual() && !json.asText().isBlank() ? RetryPolicy.parseDuration(json.asText()) : fallback;
    }

    /** A duration as Go prints one ({@code 5s}, {@code 3m0s}, {@code 1h0m0s}), whole seconds. */
    static String goDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        return seconds / 3600 + "h" + seconds % 3600 / 60 + "m" + seconds % 60 + "s";
    }
}
