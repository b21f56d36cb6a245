package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.model.DirectoryOptions;
import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Redaction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The parts of an Application's spec that its status repeats ({@code source}, {@code destination},
 * {@code ignoreDifferences}) as Argo CD's JSON and back. A source or rule list is written as the
 * JSON it was read from (an Application's spec, or a status read before), so every option
 * (Helm values, Kustomize images, plugins) appears in the status as the user wrote it; one never
 * seen as JSON is written with its Git fields only. Repository URLs are written without
 * credentials. Thread-safe.
 */
final class SpecDocuments {

    private static final int MEMO_LIMIT = 10_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ConcurrentMap<ApplicationSource, ObjectNode> sources = new ConcurrentHashMap<>();
    private final ConcurrentMap<List<IgnoreRule>, ArrayNode> ignoreRules = new ConcurrentHashMap<>();

    /** Remembers the JSON of an Application object's spec that was read as {@code app}. */
    void remember(Application app, JsonNode object) {
        JsonNode source = object.at("/spec/source");
        if (source.isObject()) {
            remember(sources, app.source(), (ObjectNode) source);
        }
        JsonNode several = object.at("/spec/sources");
        for (int i = 0; i < Math.min(several.size(), app.sources().size()); i++) {
            if (several.get(i).isObject()) {
                remember(sources, app.sources().get(i), (ObjectNode) several.get(i));
            }
        }
        JsonNode rules = object.at("/spec/ignoreDifferences");
        if (rules.isArray()) {
            remember(ignoreRules, app.ignoreDifferences(), (ArrayNode) rules);
        }
    }

    private static <K, V extends JsonNode> void remember(ConcurrentMap<K, V> memo, K key, V json) {
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        @SuppressWarnings("unchecked")
        V copy = (V) json.deepCopy();
        memo.put(key, copy);
    }

    /** The source as Argo CD's {@code ApplicationSource}. */
    ObjectNode write(ApplicationSource source) {
        ObjectNode json = Optional.ofNullable(sources.get(source)).map(ObjectNode::deepCopy).orElseGet(() -> {
            ObjectNode minimal = JSON.objectNode().put("repoURL", source.repoURL());
            putIfSet(minimal, "path", source.path());
            putIfSet(minimal, "targetRevision", source.targetRevision());
            putIfSet(minimal, "chart", source.chart());
            return minimal;
        });
        json.put("repoURL", Redaction.url(json.path("repoURL").asText()));
        return json;
    }

    /** The destination as Argo CD's {@code ApplicationDestination}. */
    static ObjectNode write(ApplicationDestination destination) {
        ObjectNode json = JSON.objectNode();
        putIfSet(json, "server", destination.server());
        putIfSet(json, "namespace", destination.namespace());
        putIfSet(json, "name", destination.name());
        return json;
    }

    /** The rules as Argo CD's {@code ignoreDifferences}; empty when the JSON they came from is unknown. */
    Optional<ArrayNode> write(List<IgnoreRule> rules) {
        return Optional.ofNullable(ignoreRules.get(rules)).map(ArrayNode::deepCopy);
    }

    /**
     * A source read from a status, remembered so that it is written back as it was.
     *
     * @throws GitOpsException when it has no repoURL
     */
    ApplicationSource readSource(JsonNode json, String where) {
        if (!json.isObject() || json.path("repoURL").asText("").isBlank()) {
            throw new GitOpsException(where + " has no repoURL");
        }
        ApplicationSource source;
        try {
            source = Applications.fromObject(synthetic(json, JSON.objectNode(), JSON.arrayNode()), where).source();
        } catch (GitOpsException | IllegalArgumentException e) {
            source = new ApplicationSource(json.path("repoURL").asText(), json.path("targetRevision").asText(""),
                    json.path("path").asText(""), DirectoryOptions.defaults(), json.path("chart").asText(""),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        remember(sources, source, (ObjectNode) json);
        return source;
    }

    /** A destination read from a status. */
    static ApplicationDestination readDestination(JsonNode json) {
        return new ApplicationDestination(json.path("server").asText(""), json.path("name").asText(""),
                json.path("namespace").asText(""));
    }

    /** Rules read from a status; none when they cannot be read. */
    List<IgnoreRule> readIgnoreDifferences(JsonNode json, JsonNode source, String where) {
        if (!json.isArray() || json.isEmpty()) {
            return List.of();
        }
        try {
            List<IgnoreRule> rules = Applications.fromObject(synthetic(source, JSON.objectNode(), json), where)
                    .ignoreDifferences();
            remember(ignoreRules, rules, (ArrayNode) json);
            return rules;
        } catch (GitOpsException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static ObjectNode synthetic(JsonNode source, ObjectNode destination, JsonNode rules) {
        ObjectNode app = JSON.objectNode().put("apiVersion", Applications.API_VERSION).put("kind", "Application");
        app.putObject("metadata").put("name", "status");
        ObjectNode spec = app.putObject("spec");
        spec.set("source", source.isObject() ? source.deepCopy()
                : JSON.objectNode().set("repoURL", TextNode.valueOf("status")));
        spec.set("destination", destination);
        if (rules.isArray() && !rules.isEmpty()) {
            spec.set("ignoreDifferences", rules.deepCopy());
        }
        return app;
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (!value.isEmpty()) {
            json.put(field, value);
        }
    }
}
