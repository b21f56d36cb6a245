package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each built-in transformer acts ({@code namePrefix}, {@code commonLabels},
 * {@code nameReference}, ...), in the format of a kustomization's {@code configurations} files.
 * Starts from Kustomize's defaults; files named in {@code configurations} and custom resource
 * definitions named in {@code crds} are merged in.
 */
public final class TransformerConfig {

    /** The field-spec lists a configuration file may hold, besides {@code nameReference}. */
    public static final Set<String> CATEGORIES = Set.of("namePrefix", "nameSuffix", "namespace", "commonLabels",
            "templateLabels", "commonAnnotations", "images", "replicas", "varReference", "labels");

    private final Map<String, List<FieldSpec>> specs = new LinkedHashMap<>();
    private final List<NameReference> nameReferences = new ArrayList<>();

    /** Which fields of which referrers may hold the name of an object of type {@code target}. */
    public record NameReference(Gvk target, List<FieldSpec> referrers) {
    }

    private TransformerConfig() {
    }

    /** An empty configuration. */
    public static TransformerConfig empty() {
        return new TransformerConfig();
    }

    /** Kustomize's default configuration. */
    public static TransformerConfig defaults() {
        TransformerConfig config = new TransformerConfig();
        String path = "/io/gitops4j/render/kustomize/default-transformer-config.yaml";
        try (InputStream in = TransformerConfig.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the gitops-render jar");
            }
            for (YamlDocument document : Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), path)) {
                config.merge(parse(document.body()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /**
     * Reads a configuration file's content.
     *
     * @throws IllegalArgumentException naming the unknown field or the malformed entry
     */
    public static TransformerConfig parse(ObjectNode content) {
        TransformerConfig config = new TransformerConfig();
        for (Map.Entry<String, JsonNode> entry : content.properties()) {
            String category = entry.getKey();
            if (category.equals("nameReference")) {
                for (JsonNode reference : entry.getValue()) {
                    config.addNameReference(new NameReference(Gvk.read(reference), fieldSpecs(reference.path("fieldSpecs"))));
                }
            } else if (CATEGORIES.contains(category)) {
                for (FieldSpec spec : fieldSpecs(entry.getValue())) {
                    config.add(category, spec);
                }
            } else {
                throw new IllegalArgumentException("unknown transformer configuration field '" + category + "'");
            }
        }
        return config;
    }

    /** Reads a list of {@code {path, group, version, kind, create}} entries. */
    public static List<FieldSpec> fieldSpecs(JsonNode list) {
        List<FieldSpec> result = new ArrayList<>();
        for (JsonNode spec : list) {
            if (!spec.path("path").isTextual()) {
                throw new IllegalArgumentException("a field spec needs a path: " + spec);
            }
            result.add(new FieldSpec(Gvk.read(spec), spec.get("path").asText(), spec.path("create").asBoolean(false)));
        }
        return result;
    }

    /** The field specs of one category, in order; empty when there are none. */
    public List<FieldSpec> specs(String category) {
        return specs.getOrDefault(category, List.of());
    }

    public List<NameReference> nameReferences() {
        return nameReferences;
    }

    /**
     * Adds another configuration's entries as Kustomize's {@code TransformerConfig.Merge} does: an
     * incoming spec is left out when one already there has the same path and a type the incoming
     * one selects (so a spec for every kind is left out after one for a single kind at the same
     * path); then each list is sorted by type ({@link Gvk#ORDER}), which puts specs for named
     * kinds before a spec for every kind.
     */
    public TransformerConfig merge(TransformerConfig other) {
        other.specs.forEach((category, list) -> list.forEach(spec -> add(category, spec)));
        other.nameReferences.forEach(this::addNameReference);
        specs.values().forEach(list -> list.sort(Comparator.comparing(FieldSpec::type, Gvk.ORDER)));
        return this;
    }

    /** A copy, so a build can merge into it without touching the shared defaults. */
    public TransformerConfig copy() {
        return empty().merge(this);
    }

    private void add(String category, FieldSpec spec) {
        List<FieldSpec> list = specs.computeIfAbsent(category, c -> new ArrayList<>());
        for (FieldSpec existing : list) {
            if (existing.path().equals(spec.path()) && spec.type().selects(existing.type())) {
                if (existing.create() != spec.create()) {
                    throw new IllegalArgumentException("conflicting fieldspecs for " + category + " path "
                            + spec.path() + ": create is both true and false");
                }
                return;
            }
        }
        list.add(spec);
    }

    private void addNameReference(NameReference reference) {
        for (int i = 0; i < nameReferences.size(); i++) {
            NameReference existing = nameReferences.get(i);
            if (existing.target().equals(reference.target())) {
                List<FieldSpec> merged = new ArrayList<>(existing.referrers());
                for (FieldSpec spec : reference.referrers()) {
                    if (merged.stream().noneMatch(s -> s.samePlace(spec))) {
                        merged.add(spec);
                    }
                }
                nameReferences.set(i, new NameReference(existing.target(), merged));
                return;
            }
        }
        nameReferences.add(new NameReference(reference.target(), new ArrayList<>(reference.referrers())));
    }
}
