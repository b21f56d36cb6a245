package io.gitops4j.render.kustomize.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.kube.YamlReader;
import java.util.List;

/**
 * Reads a kustomization file into a {@link Kustomization} as Kustomize reads it (sigs.k8s.io/yaml:
 * YAML 1.1 scalars, the last of duplicate keys wins; then Go's JSON decoding: field names matched
 * without regard to case, see {@link KustomizationFields}), refusing what Kustomize refuses: an
 * unknown field, a wrong kind, a field of the wrong shape, a number or boolean where Kustomize
 * expects a string ({@code newTag: 1.10} or {@code namePrefix: yes} must be quoted, as
 * {@code kubectl kustomize} demands).
 */
public final class KustomizationReader {

    private final String file;
    private final TypeReader types;

    private KustomizationReader(String file) {
        this.file = file;
        this.types = new TypeReader(p -> fail("invalid Kustomization: " + p), this::fail);
    }

    /**
     * @param content the file's text
     * @param file the file, relative to the repository root
     * @throws KustomizationFailure naming the file and what is wrong
     */
    public static Kustomization read(String content, String file) {
        return new KustomizationReader(file).read(content);
    }

    private Kustomization read(String content) {
        JsonNode tree;
        try {
            tree = YamlReader.kubectl().readValue(content, file);
        } catch (ManifestException e) {
            throw fail("invalid Kustomization: malformed YAML" + (e.line() > 0 ? " at line " + e.line() : "") + ": "
                    + e.problem());
        }
        if (YamlFields.isAbsent(tree)) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode written)) {
            throw fail("invalid Kustomization: the file must hold a mapping");
        }
        ObjectNode k;
        try {
            k = KustomizationFields.canonical(written);
        } catch (IllegalArgumentException e) {
            throw fail("invalid Kustomization: " + e.getMessage());
        }
        if (k.has("helmChartInflationGenerator")) {
            throw fail("helmChartInflationGenerator is not supported; use helmCharts");
        }
        if (k.properties().stream().allMatch(e -> e.getKey().equals("apiVersion") || e.getKey().equals("kind"))) {
            throw fail("kustomization file is empty: it must name resources, generators or transformers");
        }
        String kind = types.text(k.path("kind"), "kind");
        if (!kind.isEmpty() && !kind.equals("Kustomization") && !kind.equals("Component")) {
            throw fail("kind '" + kind + "' is not Kustomization or Component");
        }
        String apiVersion = types.text(k.path("apiVersion"), "apiVersion");
        String required = kind.equals("Component") ? "kustomize.config.k8s.io/v1alpha1"
                : "kustomize.config.k8s.io/v1beta1";
        if (!apiVersion.isEmpty() && !apiVersion.equals(required)) {
            throw fail("apiVersion for " + (kind.isEmpty() ? "a kustomization" : kind) + " should be " + required
                    + ", not '" + apiVersion + "'");
        }
        List<String> resources = strings(k, "resources");
        resources.addAll(strings(k, "bases"));
        List<ImageEntry> images = types.images(k.path("images"), "images");
        images.addAll(types.images(k.path("imageTags"), "imageTags"));
        return new Kustomization(file, kind.equals("Component"), resources, strings(k, "components"), strings(k, "crds"),
                strings(k, "configurations"), text(k, "namespace"), text(k, "namePrefix"), text(k, "nameSuffix"),
                types.stringMap(k.path("commonLabels"), "commonLabels"), types.labels(k.path("labels"), "labels"),
                types.stringMap(k.path("commonAnnotations"), "commonAnnotations"), images,
                types.replicas(k.path("replicas"), "replicas"),
                types.strategicMergePatches(k.path("patchesStrategicMerge"), "patchesStrategicMerge"),
                types.patches(k.path("patches"), "patches", false),
                types.patches(k.path("patchesJson6902"), "patchesJson6902", true),
                types.generators(k.path("configMapGenerator"), "configMapGenerator"),
                types.generators(k.path("secretGenerator"), "secretGenerator"),
                types.generatorOptions(k.path("generatorOptions"), "generatorOptions"), k.path("replacements"),
                k.path("vars"), k.path("sortOptions"), k.path("helmCharts"), k.path("helmGlobals"),
                strings(k, "buildMetadata"), strings(k, "transformers"), strings(k, "generators"),
                strings(k, "validators"), types.stringMap(k.path("openapi"), "openapi"));
    }

    private List<String> strings(JsonNode parent, String field) {
        return types.strings(parent.path(field), field);
    }

    private String text(JsonNode parent, String field) {
        return types.text(parent.path(field), field);
    }

    private KustomizationFailure fail(String problem) {
        return new KustomizationFailure(file, problem);
    }
}
