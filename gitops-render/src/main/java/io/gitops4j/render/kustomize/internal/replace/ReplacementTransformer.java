package io.gitops4j.render.kustomize.internal.replace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.Selector;
import io.gitops4j.render.kustomize.internal.patch.TargetSelection;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.Numbers;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kustomize's {@code ReplacementTransformer} ({@code replacements}): copies a value from one field
 * of a source resource into fields of target resources, optionally one part of a delimited
 * string, optionally creating the target field. A scalar target keeps its type (a number stays a
 * number when the new value is one). Replacements kept in files ({@code path}) are read when the
 * transformer is configured.
 */
public final class ReplacementTransformer implements Transformer {

    private final List<JsonNode> replacements = new ArrayList<>();

    /**
     * @param entries the {@code replacements} list: each an inline replacement ({@code source},
     *     {@code targets}) or a {@code path} to a file of one replacement or a list of them
     * @param files where the files are read
     * @throws IllegalArgumentException when an entry has both, or a file is missing or not valid YAML
     */
    public ReplacementTransformer(JsonNode entries, KustomizationFiles files) {
        for (JsonNode entry : entries) {
            if (entry.has("path")) {
                if (entry.has("source") || entry.has("targets")) {
                    throw new IllegalArgumentException("replacement has both path and inline replacement; use one");
                }
                replacements.addAll(load(entry.get("path").asText(), files));
            } else {
                replacements.add(entry);
            }
        }
    }

    @Override
    public void transform(ResMap resources) {
        for (JsonNode replacement : replacements) {
            applyOne(resources, replacement);
        }
    }

    private static List<JsonNode> load(String path, KustomizationFiles files) {
        JsonNode content;
        try {
            content = YamlReader.kubectl().readValue(files.readText(path), path);
        } catch (ManifestException e) {
            throw new IllegalArgumentException("the replacement file is not valid YAML: " + e.getMessage(), e);
        }
        List<JsonNode> list = new ArrayList<>();
        if (content.isArray()) {
            content.forEach(list::add);
        } else if (content.isObject()) {
            list.add(content);
        }
        return list;
    }

    private static void applyOne(ResMap resources, JsonNode replacement) {
        JsonNode source = replacement.path("source");
        if (!source.isObject()) {
            throw new IllegalArgumentException("replacement source is missing");
        }
        JsonNode value = sourceValue(resources, source);
        for (JsonNode target : replacement.path("targets")) {
            applyTarget(resources, target, value);
        }
    }

    private static JsonNode sourceValue(ResMap resources, JsonNode source) {
        ResId wanted = selectorId(source);
        List<Resource> matches = new ArrayList<>();
        for (Resource resource : resources.resources()) {
            if (resource.allIds().stream().anyMatch(id -> selects(wanted, id))) {
                matches.add(resource);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("nothing selected by " + describe(source));
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("more than one match for source " + describe(source) + ": " + matches);
        }
        String path = source.path("fieldPath").asText("metadata.name");
        JsonNode value = FieldPath.parse(path).lookup(matches.get(0).object());
        if (YamlFields.isAbsent(value) || value.isContainerNode() && value.isEmpty()
                || value.isTextual() && value.asText().isEmpty()) {
            throw new IllegalArgumentException("fieldPath `" + path + "` is missing for replacement source "
                    + matches.get(0).currentId());
        }
        JsonNode options = source.path("options");
        String delimiter = options.path("delimiter").asText("");
        if (delimiter.isEmpty()) {
            return value;
        }
        String[] parts = value.asText().split(Pattern.quote(delimiter), -1);
        int index = options.path("index").asInt(0);
        if (index < 0 || index >= parts.length) {
            throw new IllegalArgumentException("options.index " + index + " is out of bounds for value " + value.asText());
        }
        return TextNode.valueOf(parts[index]);
    }

    private static void applyTarget(ResMap resources, JsonNode target, JsonNode value) {
        if (!target.path("select").isObject()) {
            throw new IllegalArgumentException("target must specify resources to select");
        }
        Selector select = Selector.read(target.get("select"));
        List<String> paths = new ArrayList<>();
        target.path("fieldPaths").forEach(p -> paths.add(p.asText()));
        if (paths.isEmpty()) {
            paths.add("metadata.name");
        }
        JsonNode options = target.path("options");
        for (Resource resource : resources.resources()) {
            if (!isSelected(resource, select, target.path("reject"))) {
                continue;
            }
            for (String path : paths) {
                boolean create = options.path("create").asBoolean(false);
                List<FieldPath.Slot> slots = FieldPath.parse(path).find(resource.object(), create, value);
                if (slots.isEmpty()) {
                    throw new IllegalArgumentException(create
                            ? "unable to find or create field \"" + path + "\" in replacement target " + resource.currentId()
                            : "unable to find field \"" + path + "\" in replacement target " + resource.currentId());
                }
                for (FieldPath.Slot slot : slots) {
                    slot.set(newValue(slot.get(), value, options));
                }
            }
        }
    }

    private static JsonNode newValue(JsonNode current, JsonNode value, JsonNode options) {
        JsonNode result = value;
        String delimiter = options.path("delimiter").asText("");
        if (!delimiter.isEmpty()) {
            if (current != null && current.isContainerNode()) {
                throw new IllegalArgumentException("delimiter option can only be used with scalar nodes");
            }
            List<String> parts = new ArrayList<>(Arrays.asList(
                    (current == null ? "" : current.asText()).split(Pattern.quote(delimiter), -1)));
            int index = options.path("index").asInt(0);
            if (index < 0) {
                parts.add(0, value.asText());
            } else if (index >= parts.size()) {
                parts.add(value.asText());
            } else {
                parts.set(index, value.asText());
            }
            result = TextNode.valueOf(String.join(delimiter, parts));
        }
        if (current != null && current.isValueNode() && !current.isNull() && result.isValueNode()) {
            return keepType(current, result.asText());
        }
        return result.deepCopy();
    }

    /** The scalar text in the type of the field it replaces, as Kustomize keeps a scalar's tag. */
    private static JsonNode keepType(JsonNode current, String text) {
        if (current.isTextual()) {
            return TextNode.valueOf(text);
        }
        try {
            if (current.isIntegralNumber() && text.matches("-?\\d+")) {
                return Numbers.integer(Long.parseLong(text));
            }
            if (current.isNumber() && text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            return TextNode.valueOf(text);
        }
        if (current.isBoolean() && (text.equals("true") || text.equals("false"))) {
            return BooleanNode.valueOf(Boolean.parseBoolean(text));
        }
        return TextNode.valueOf(text);
    }

    private static boolean isSelected(Resource resource, Selector select, JsonNode rejects) {
        List<ResId> ids = resource.allIds();
        if (!matchesMetadataSelectors(resource, select)) {
            return false;
        }
        if (ids.stream().noneMatch(id -> selects(select, id))) {
            return false;
        }
        for (JsonNode reject : rejects) {
            Selector rejected = Selector.read(reject);
            if (matchesMetadataSelectors(resource, rejected) && ids.stream().anyMatch(id -> selects(rejected, id))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesMetadataSelectors(Resource resource, Selector selector) {
        if (selector.labelSelector().isEmpty() && selector.annotationSelector().isEmpty()) {
            return true;
        }
        Selector metadataOnly = new Selector(Gvk.ANY, "", "", selector.labelSelector(), selector.annotationSelector());
        ResMap single = new ResMap();
        single.append(resource);
        return !TargetSelection.select(single, metadataOnly).isEmpty();
    }

    private static boolean selects(Selector selector, ResId id) {
        return selector.type().selects(new Gvk(id.group(), id.version(), id.kind()))
                && (selector.name().isEmpty() || selector.name().equals(id.name()))
                && (selector.namespace().isEmpty() || selector.namespace().equals(id.namespace()));
    }

    private static boolean selects(ResId wanted, ResId id) {
        return (wanted.group().isEmpty() || wanted.group().equals(id.group()))
                && (wanted.version().isEmpty() || wanted.version().equals(id.version()))
                && (wanted.kind().isEmpty() || wanted.kind().equals(id.kind()))
                && (wanted.name().isEmpty() || wanted.name().equals(id.name()))
                && (wanted.namespace().isEmpty() || wanted.namespace().equals(id.namespace()));
    }

    private static ResId selectorId(JsonNode source) {
        return new ResId(source.path("group").asText(""), source.path("version").asText(""), source.path("kind").asText(""),
                source.path("name").asText(""), source.path("namespace").asText(""));
    }

    private static String describe(JsonNode source) {
        return Selector.read(source).toString();
    }
}
