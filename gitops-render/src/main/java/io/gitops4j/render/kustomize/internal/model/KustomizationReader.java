package io.gitops4j.render.kustomize.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.render.kustomize.KustomizeException;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs.GeneratorOptions;
import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a kustomization file into a {@link Kustomization}, refusing what Kustomize refuses: an
 * unknown field, a wrong kind, a field of the wrong shape, a number or boolean where Kustomize
 * expects a string ({@code newTag: 1.10} must be quoted, as {@code kubectl kustomize} demands).
 */
public final class KustomizationReader {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "openapi", "namePrefix",
            "nameSuffix", "namespace", "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge",
            "patchesJson6902", "patches", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions",
            "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator", "helmGlobals",
            "helmCharts", "helmChartInflationGenerator", "generatorOptions", "configurations", "generators",
            "transformers", "validators", "buildMetadata");

    private final String file;

    private KustomizationReader(String file) {
        this.file = file;
    }

    /**
     * @param content the file's text
     * @param file the file, relative to the repository root
     * @throws KustomizeException naming the file and what is wrong
     */
    public static Kustomization read(String content, String file) {
        return new KustomizationReader(file).read(content);
    }

    private Kustomization read(String content) {
        JsonNode tree;
        try {
            // Kustomize reads kustomization files with sigs.k8s.io/yaml: the last of duplicate keys wins.
            tree = YamlReader.defaults().readValue(content, file);
        } catch (ManifestException e) {
            throw fail("invalid Kustomization: malformed YAML" + (e.line() > 0 ? " at line " + e.line() : "") + ": "
                    + e.problem());
        }
        if (tree.isNull() || tree.isMissingNode()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode k)) {
            throw fail("invalid Kustomization: the file must hold a mapping");
        }
        for (String field : iterable(k.fieldNames())) {
            if (!FIELDS.contains(field)) {
                throw fail("invalid Kustomization: json: unknown field \"" + field + "\"");
            }
        }
        if (k.path("openapi").isObject() && !k.path("openapi").isEmpty()) {
            throw fail("openapi (a custom schema for strategic merge patches of custom resources) is not supported "
                    + "yet; patch custom resources with JSON 6902 patches");
        }
        if (k.has("helmChartInflationGenerator")) {
            throw fail("helmChartInflationGenerator is not supported; use helmCharts");
        }
        if (k.properties().stream().allMatch(e -> e.getKey().equals("apiVersion") || e.getKey().equals("kind"))) {
            throw fail("kustomization file is empty: it must name resources, generators or transformers");
        }
        String kind = text(k, "kind");
        if (!kind.isEmpty() && !kind.equals("Kustomization") && !kind.equals("Component")) {
            throw fail("kind '" + kind + "' is not Kustomization or Component");
        }
        List<String> resources = strings(k, "resources");
        resources.addAll(strings(k, "bases"));
        List<ImageEntry> images = images(k.path("images"));
        images.addAll(images(k.path("imageTags")));
        return new Kustomization(file, kind.equals("Component"), resources, strings(k, "components"), strings(k, "crds"),
                strings(k, "configurations"), text(k, "namespace"), text(k, "namePrefix"), text(k, "nameSuffix"),
                stringMap(k.path("commonLabels"), "commonLabels"), labels(k.path("labels")),
                stringMap(k.path("commonAnnotations"), "commonAnnotations"), images, replicas(k.path("replicas")),
                patchesStrategicMerge(k.path("patchesStrategicMerge")), patches(k.path("patches"), "patches", false),
                patches(k.path("patchesJson6902"), "patchesJson6902", true),
                generators(k.path("configMapGenerator"), "configMapGenerator"),
                generators(k.path("secretGenerator"), "secretGenerator"),
                options(k.path("generatorOptions"), "generatorOptions"), k.path("replacements"), k.path("vars"),
                k.path("sortOptions"), k.path("helmCharts"), k.path("helmGlobals"), strings(k, "buildMetadata"),
                strings(k, "transformers"), strings(k, "generators"), strings(k, "validators"));
    }

    private List<ImageEntry> images(JsonNode list) {
        List<ImageEntry> images = new ArrayList<>();
        for (JsonNode image : list(list, "images")) {
            images.add(new ImageEntry(scalar(image, "name"), scalar(image, "newName"), scalar(image, "newTag"),
                    scalar(image, "digest")));
        }
        return images;
    }

    private List<ReplicaEntry> replicas(JsonNode list) {
        List<ReplicaEntry> replicas = new ArrayList<>();
        for (JsonNode replica : list(list, "replicas")) {
            JsonNode count = replica.path("count");
            if (!count.isIntegralNumber()) {
                throw fail("replicas: count of '" + scalar(replica, "name") + "' must be an integer");
            }
            replicas.add(new ReplicaEntry(scalar(replica, "name"), count.asLong()));
        }
        return replicas;
    }

    private List<LabelEntry> labels(JsonNode list) {
        List<LabelEntry> labels = new ArrayList<>();
        for (JsonNode label : list(list, "labels")) {
            List<io.gitops4j.render.kustomize.internal.resource.FieldSpec> fields;
            try {
                fields = TransformerConfig.fieldSpecs(label.path("fields"));
            } catch (IllegalArgumentException e) {
                throw fail("labels: " + e.getMessage());
            }
            labels.add(new LabelEntry(stringMap(label.path("pairs"), "labels.pairs"),
                    label.path("includeSelectors").asBoolean(false), label.path("includeTemplates").asBoolean(false),
                    fields));
        }
        return labels;
    }

    private List<PatchEntry> patchesStrategicMerge(JsonNode list) {
        List<PatchEntry> patches = new ArrayList<>();
        for (JsonNode entry : list(list, "patchesStrategicMerge")) {
            if (!entry.isTextual()) {
                throw fail("patchesStrategicMerge entries must be file paths or inline patches (strings)");
            }
            String value = entry.asText();
            boolean inline = value.contains("\n") || value.contains(": ");
            patches.add(new PatchEntry(inline ? "" : value, inline ? value : "", Optional.empty(), false, false));
        }
        return patches;
    }

    private List<PatchEntry> patches(JsonNode list, String field, boolean targetRequired) {
        List<PatchEntry> patches = new ArrayList<>();
        for (JsonNode entry : list(list, field)) {
            String path = scalar(entry, "path");
            String inline = scalar(entry, "patch");
            if (!path.isEmpty() && !inline.isEmpty()) {
                throw fail(field + ": patch and path can't be set at the same time");
            }
            if (path.isEmpty() && inline.isEmpty()) {
                throw fail(field + ": must specify one of patch and path in " + compact(entry));
            }
            Optional<Selector> target = entry.path("target").isObject()
                    ? Optional.of(Selector.read(entry.get("target"))) : Optional.empty();
            if (targetRequired && target.isEmpty()) {
                throw fail(field + ": must specify a target for patch " + compact(entry));
            }
            JsonNode options = entry.path("options");
            patches.add(new PatchEntry(path, inline, target, options.path("allowNameChange").asBoolean(false),
                    options.path("allowKindChange").asBoolean(false)));
        }
        return patches;
    }

    private List<GeneratorArgs> generators(JsonNode list, String field) {
        List<GeneratorArgs> generators = new ArrayList<>();
        for (JsonNode entry : list(list, field)) {
            List<String> envs = strings(entry, "envs");
            if (!scalar(entry, "env").isEmpty()) {
                envs.add(scalar(entry, "env"));
            }
            generators.add(new GeneratorArgs(scalar(entry, "name"), scalar(entry, "namespace"), scalar(entry, "behavior"),
                    strings(entry, "literals"), strings(entry, "files"), envs, scalar(entry, "type"),
                    options(entry.path("options"), field + ".options")));
        }
        return generators;
    }

    private GeneratorOptions options(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return GeneratorOptions.NONE;
        }
        JsonNode disable = node.path("disableNameSuffixHash");
        JsonNode immutable = node.path("immutable");
        return new GeneratorOptions(stringMap(node.path("labels"), field + ".labels"),
                stringMap(node.path("annotations"), field + ".annotations"),
                disable.isMissingNode() || disable.isNull() ? null : disable.asBoolean(),
                immutable.isMissingNode() || immutable.isNull() ? null : immutable.asBoolean());
    }

    private Iterable<JsonNode> list(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw fail("invalid Kustomization: " + field + " must be a list");
        }
        return node;
    }

    private List<String> strings(JsonNode parent, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : list(parent.path(field), field)) {
            if (!value.isTextual()) {
                throw fail("invalid Kustomization: " + field + " must be a list of strings; quote '" + value.asText() + "'");
            }
            values.add(value.asText());
        }
        return values;
    }

    private Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw fail("invalid Kustomization: " + field + " must be a mapping of strings");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual() && !value.isNull()) {
                throw fail("invalid Kustomization: " + field + "." + entry.getKey() + " must be a string, not '"
                        + value.asText() + "'; quote it");
            }
            map.put(entry.getKey(), value.asText(""));
        }
        return map;
    }

    private String text(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw fail("invalid Kustomization: " + field + " must be a string, not '" + value.asText() + "'; quote it");
        }
        return value.asText();
    }

    private String scalar(JsonNode parent, String field) {
        return text(parent == null ? MissingNode.getInstance() : parent, field);
    }

    private static String compact(JsonNode node) {
        return node.toString();
    }

    private static Iterable<String> iterable(java.util.Iterator<String> iterator) {
        List<String> values = new ArrayList<>();
        iterator.forEachRemaining(values::add);
        return values;
    }

    private KustomizeException fail(String problem) {
        return new KustomizeException(file, problem);
    }
}
