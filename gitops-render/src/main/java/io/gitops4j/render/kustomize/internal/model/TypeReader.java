package io.gitops4j.render.kustomize.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs.GeneratorOptions;
import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Kustomize's types (its {@code api/types}: images, replicas, labels, patches, generator
 * arguments and options, selectors) from YAML trees, as a kustomization file and the
 * configurations of built-in plugins hold them. Strict as Go's decoding into a struct: a number or
 * boolean where a string belongs is refused ({@code newTag: 1.10} must be quoted).
 */
public final class TypeReader {

    private final Function<String, RuntimeException> invalid;
    private final Function<String, RuntimeException> fail;

    /**
     * @param invalid turns a sentence about a value of the wrong shape into the caller's exception
     * @param fail turns a sentence about a wrong combination of values into the caller's exception
     */
    public TypeReader(Function<String, RuntimeException> invalid, Function<String, RuntimeException> fail) {
        this.invalid = invalid;
        this.fail = fail;
    }

    /** A string; empty when absent. */
    public String text(JsonNode value, String name) {
        return YamlFields.text(value, name, invalid);
    }

    /** A list of strings; empty when absent. */
    public List<String> strings(JsonNode value, String name) {
        return YamlFields.strings(value, name, invalid);
    }

    /** A mapping of strings; empty when absent. */
    public Map<String, String> stringMap(JsonNode value, String name) {
        return YamlFields.stringMap(value, name, invalid);
    }

    /** The items of a list; empty when absent. */
    public List<JsonNode> list(JsonNode value, String name) {
        return YamlFields.list(value, name, invalid);
    }

    /** A list of {@code images} entries. */
    public List<ImageEntry> images(JsonNode list, String name) {
        List<ImageEntry> images = new ArrayList<>();
        for (JsonNode image : list(list, name)) {
            images.add(image(image));
        }
        return images;
    }

    /** One {@code images} entry (the {@code imageTag} of an {@code ImageTagTransformer}). */
    public ImageEntry image(JsonNode image) {
        return new ImageEntry(text(image.path("name"), "name"), text(image.path("newName"), "newName"),
                text(image.path("newTag"), "newTag"), text(image.path("digest"), "digest"),
                text(image.path("tagSuffix"), "tagSuffix"));
    }

    /** A list of {@code replicas} entries. */
    public List<ReplicaEntry> replicas(JsonNode list, String name) {
        List<ReplicaEntry> replicas = new ArrayList<>();
        for (JsonNode replica : list(list, name)) {
            replicas.add(replica(replica));
        }
        return replicas;
    }

    /** One {@code replicas} entry (the {@code replica} of a {@code ReplicaCountTransformer}). */
    public ReplicaEntry replica(JsonNode replica) {
        JsonNode count = replica.path("count");
        if (!count.isIntegralNumber()) {
            throw fail.apply("replicas: count of '" + text(replica.path("name"), "name") + "' must be an integer");
        }
        return new ReplicaEntry(text(replica.path("name"), "name"), count.asLong());
    }

    /** A list of {@code labels} entries. */
    public List<LabelEntry> labels(JsonNode list, String name) {
        List<LabelEntry> labels = new ArrayList<>();
        for (JsonNode label : list(list, name)) {
            labels.add(new LabelEntry(stringMap(label.path("pairs"), name + ".pairs"),
                    label.path("includeSelectors").asBoolean(false), label.path("includeTemplates").asBoolean(false),
                    fieldSpecs(label.path("fields"), name)));
        }
        return labels;
    }

    /** A list of field specs ({@code path}, {@code group}, {@code version}, {@code kind}, {@code create}). */
    public List<FieldSpec> fieldSpecs(JsonNode list, String name) {
        try {
            return TransformerConfig.fieldSpecs(list);
        } catch (IllegalArgumentException e) {
            throw fail.apply(name + ": " + e.getMessage());
        }
    }

    /**
     * A list of {@code patches} or {@code patchesJson6902} entries: {@code path} or {@code patch},
     * an optional {@code target}, and {@code options}.
     *
     * @param targetRequired whether each entry needs a target (JSON 6902 patches)
     */
    public List<PatchEntry> patches(JsonNode list, String name, boolean targetRequired) {
        List<PatchEntry> patches = new ArrayList<>();
        for (JsonNode entry : list(list, name)) {
            patches.add(patch(entry, name, "patch", targetRequired));
        }
        return patches;
    }

    /**
     * One patch entry.
     *
     * @param inlineField the field holding an inline patch ({@code patch}; {@code jsonOp} for a
     *     {@code PatchJson6902Transformer})
     */
    public PatchEntry patch(JsonNode entry, String name, String inlineField, boolean targetRequired) {
        String path = text(entry.path("path"), "path");
        String inline = text(entry.path(inlineField), inlineField);
        if (!path.isEmpty() && !inline.isEmpty()) {
            throw fail.apply(name + ": " + inlineField + " and path can't be set at the same time");
        }
        if (path.isEmpty() && inline.isEmpty()) {
            throw fail.apply(name + ": must specify one of " + inlineField + " and path in " + entry);
        }
        Optional<Selector> target = entry.path("target").isObject()
                ? Optional.of(Selector.read(entry.get("target"))) : Optional.empty();
        if (targetRequired && target.isEmpty()) {
            throw fail.apply(name + ": must specify a target for patch " + entry);
        }
        JsonNode options = entry.path("options");
        return new PatchEntry(path, inline, target, options.path("allowNameChange").asBoolean(false),
                options.path("allowKindChange").asBoolean(false));
    }

    /**
     * A list of {@code patchesStrategicMerge} entries: each a file path or an inline patch.
     */
    public List<PatchEntry> strategicMergePatches(JsonNode list, String name) {
        List<PatchEntry> patches = new ArrayList<>();
        for (JsonNode entry : list(list, name)) {
            if (!entry.isTextual()) {
                throw fail.apply(name + " entries must be file paths or inline patches (strings)");
            }
            String value = entry.asText();
            boolean inline = value.contains("\n") || value.contains(": ");
            patches.add(new PatchEntry(inline ? "" : value, inline ? value : "", Optional.empty(), false, false));
        }
        return patches;
    }

    /** A list of {@code configMapGenerator} or {@code secretGenerator} entries. */
    public List<GeneratorArgs> generators(JsonNode list, String name) {
        List<GeneratorArgs> generators = new ArrayList<>();
        for (JsonNode entry : list(list, name)) {
            generators.add(generatorArgs(entry, name));
        }
        return generators;
    }

    /**
     * One generator's arguments: {@code name}, {@code namespace}, {@code behavior},
     * {@code literals}, {@code files}, {@code envs} (and the deprecated {@code env}), {@code type}
     * and {@code options}.
     */
    public GeneratorArgs generatorArgs(JsonNode entry, String name) {
        List<String> envs = strings(entry.path("envs"), "envs");
        String env = text(entry.path("env"), "env");
        if (!env.isEmpty()) {
            envs.add(env);
        }
        return new GeneratorArgs(text(entry.path("name"), "name"), text(entry.path("namespace"), "namespace"),
                text(entry.path("behavior"), "behavior"), strings(entry.path("literals"), "literals"),
                strings(entry.path("files"), "files"), envs, text(entry.path("type"), "type"),
                generatorOptions(entry.path("options"), name + ".options"));
    }

    /** {@code generatorOptions} or a generator's {@code options}; {@link GeneratorOptions#NONE} when absent. */
    public GeneratorOptions generatorOptions(JsonNode node, String name) {
        if (YamlFields.isAbsent(node)) {
            return GeneratorOptions.NONE;
        }
        JsonNode disable = node.path("disableNameSuffixHash");
        JsonNode immutable = node.path("immutable");
        return new GeneratorOptions(stringMap(node.path("labels"), name + ".labels"),
                stringMap(node.path("annotations"), name + ".annotations"),
                YamlFields.isAbsent(disable) ? null : disable.asBoolean(),
                YamlFields.isAbsent(immutable) ? null : immutable.asBoolean());
    }
}
