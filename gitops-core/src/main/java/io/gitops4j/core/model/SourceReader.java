package io.gitops4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.helm.HelmParameter;
import io.gitops4j.render.kustomize.KustomizeOverrides;
import io.gitops4j.render.plugin.PluginSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rendering options of an Argo CD {@code spec.source}: {@code directory},
 * {@code kustomize}, {@code helm}, {@code plugin} and {@code chart}, with Argo CD's field names.
 * Fields GitOps4J does not apply are logged as a warning rather than refused, so existing
 * Application files read unchanged; fields Argo CD's Application does not have are noted in
 * {@link FieldWarnings}.
 */
final class SourceReader {

    private static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);

    private static final Set<String> DIRECTORY = Set.of("recurse", "include", "exclude");
    private static final Set<String> KUSTOMIZE = Set.of("namePrefix", "nameSuffix", "namespace", "images",
            "commonLabels", "commonAnnotations", "forceCommonLabels", "forceCommonAnnotations", "replicas", "components",
            "patches");
    private static final Set<String> HELM = Set.of("valueFiles", "ignoreMissingValueFiles", "values", "valuesObject",
            "parameters", "releaseName", "namespace", "kubeVersion", "apiVersions", "skipCrds", "skipTests",
            "passCredentials");
    private static final Set<String> PLUGIN = Set.of("name", "env", "parameters");

    private final JsonNode source;
    private final String where;
    private final String field;
    private final FieldWarnings warnings;

    /**
     * @param field the source's path in messages: {@code spec.source}, or {@code spec.sources[1]}
     *     for an entry of several sources
     * @param warnings where the fields Argo CD's Application does not have are noted
     */
    SourceReader(JsonNode source, String where, String field, FieldWarnings warnings) {
        this.source = source;
        this.where = where;
        this.field = field;
        this.warnings = warnings;
    }

    /**
     * The whole source: repository, revision, path and every rendering option.
     *
     * @throws InvalidApplicationException naming the field at fault
     */
    ApplicationSource read() {
        if (!source.isObject()) {
            throw invalid(field + " must be a mapping");
        }
        warnings.check(source, "spec.source", field);
        String repoURL = text(source, "repoURL");
        if (repoURL.isBlank()) {
            throw invalid(field + ".repoURL is required");
        }
        return new ApplicationSource(repoURL, text(source, "targetRevision"), text(source, "path"), directory(), chart(),
                kustomize(), helm(), plugin(), ref(), name());
    }

    /** The source's {@code ref} ({@code spec.sources[].ref}), empty for none. */
    String ref() {
        String ref = text(source, "ref");
        if (!ref.matches("[a-zA-Z0-9_-]*")) {
            throw invalid(field + ".ref '" + ref + "' may hold only letters, digits, '_' and '-', as in Argo CD");
        }
        return ref;
    }

    /** The source's {@code name}, empty for none. */
    String name() {
        return text(source, "name");
    }

    DirectoryOptions directory() {
        JsonNode directory = block("directory", DIRECTORY);
        return new DirectoryOptions(bool(directory, "recurse"), text(directory, "include"), text(directory, "exclude"));
    }

    String chart() {
        return text(source, "chart");
    }

    Optional<KustomizeOverrides> kustomize() {
        JsonNode k = block("kustomize", KUSTOMIZE);
        if (k.isMissingNode() || k.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> replicas = new LinkedHashMap<>();
        for (JsonNode replica : list(k, "replicas")) {
            JsonNode count = replica.path("count");
            try {
                replicas.put(text(replica, "name"), count.isNumber() ? count.asLong() : Long.parseLong(count.asText()));
            } catch (NumberFormatException e) {
                throw invalid(field + ".kustomize.replicas count of '" + text(replica, "name") + "' must be a number");
            }
        }
        List<Map<String, Object>> patches = new ArrayList<>();
        for (JsonNode patch : list(k, "patches")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = Json.mapper().convertValue(patch, Map.class);
            patches.add(map);
        }
        return Optional.of(new KustomizeOverrides(text(k, "namePrefix"), text(k, "nameSuffix"), text(k, "namespace"),
                strings(k, "images"), stringMap(k, "commonLabels"), stringMap(k, "commonAnnotations"),
                bool(k, "forceCommonLabels"), bool(k, "forceCommonAnnotations"), replicas, strings(k, "components"), patches));
    }

    Optional<HelmOptions> helm() {
        JsonNode h = block("helm", HELM);
        if (h.isMissingNode() || h.isEmpty()) {
            return Optional.empty();
        }
        List<HelmParameter> parameters = new ArrayList<>();
        for (JsonNode parameter : list(h, "parameters")) {
            parameters.add(new HelmParameter(text(parameter, "name"), text(parameter, "value"), bool(parameter, "forceString")));
        }
        JsonNode valuesObject = h.path("valuesObject");
        if (!valuesObject.isMissingNode() && !valuesObject.isNull() && !valuesObject.isObject()) {
            throw invalid(field + ".helm.valuesObject must be a mapping");
        }
        return Optional.of(new HelmOptions(strings(h, "valueFiles"), bool(h, "ignoreMissingValueFiles"), text(h, "values"),
                valuesObject instanceof ObjectNode object ? Optional.of(object) : Optional.empty(), parameters,
                text(h, "releaseName"), text(h, "namespace"), text(h, "kubeVersion"), strings(h, "apiVersions"),
                bool(h, "skipCrds"), bool(h, "skipTests"), bool(h, "passCredentials")));
    }

    Optional<PluginSource> plugin() {
        JsonNode p = block("plugin", PLUGIN);
        if (p.isMissingNode()) {
            return Optional.empty();
        }
        if (text(p, "name").isEmpty()) {
            throw invalid(field + ".plugin has no name: GitOps4J runs a plugin named here and does not discover "
                    + "plugins by their files; set " + field + ".plugin.name to a configured plugin");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : list(p, "env")) {
            env.put(text(variable, "name"), text(variable, "value"));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (JsonNode parameter : list(p, "parameters")) {
            String name = text(parameter, "name");
            if (parameter.has("string")) {
                parameters.put(name, text(parameter, "string"));
            }
            int i = 0;
            for (JsonNode item : parameter.path("array")) {
                parameters.put(name + "_" + i++, item.asText());
            }
            parameter.path("map").properties().forEach(e -> parameters.put(name + "_" + e.getKey(), e.getValue().asText()));
        }
        return Optional.of(new PluginSource(text(p, "name"), env, parameters));
    }

    private JsonNode block(String name, Set<String> applied) {
        JsonNode block = source.path(name);
        if (block.isMissingNode() || block.isNull()) {
            return MissingNode.getInstance();
        }
        if (!block.isObject()) {
            throw invalid(field + "." + name + " must be a mapping");
        }
        warnings.check(block, "spec.source." + name, field + "." + name);
        block.fieldNames().forEachRemaining(each -> {
            if (!applied.contains(each) && !warnings.isUnknown(field + "." + name + "." + each)) {
                LOG.warn("{}{}.{}.{} is not applied by GitOps4J yet and is ignored", where, field, name, each);
            }
        });
        return block;
    }

    private List<JsonNode> list(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(field + " must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private List<String> strings(JsonNode parent, String field) {
        return list(parent, field).stream().map(JsonNode::asText).toList();
    }

    private Map<String, String> stringMap(JsonNode parent, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode value = parent.path(field);
        if (value.isObject()) {
            value.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        } else if (!value.isMissingNode() && !value.isNull()) {
            throw invalid(field + " must be a mapping");
        }
        return map;
    }

    private String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private boolean bool(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(field + " must be true or false, not '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    private InvalidApplicationException invalid(String problem) {
        return new InvalidApplicationException(where + problem);
    }
}
