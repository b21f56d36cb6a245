package io.gitops4j.render.kustomize.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The field names of a kustomization file and of the types inside it, as Kustomize's Go structs
 * declare them, and how Go's JSON decoding matches them: a key matches a field exactly or, failing
 * that, without regard to case ({@code nameprefix} is {@code namePrefix}); a key matching no field
 * is refused ({@code json: unknown field "foo"}); of keys naming the same field the one that sorts
 * last wins (sigs.k8s.io/yaml hands the mapping to the JSON decoder with its keys sorted). Maps
 * (labels, values) are left as written.
 */
final class KustomizationFields {

    /** The shape of a value: a struct with named fields, a list of a shape, or anything else (kept). */
    private record Shape(Map<String, Shape> fields, Shape item) {

        static final Shape ANY = new Shape(null, null);

        static Shape struct(Object... nameShapePairs) {
            Map<String, Shape> fields = new LinkedHashMap<>();
            for (int i = 0; i < nameShapePairs.length; i += 2) {
                fields.put((String) nameShapePairs[i], (Shape) nameShapePairs[i + 1]);
            }
            return new Shape(fields, null);
        }

        static Shape listOf(Shape item) {
            return new Shape(null, item);
        }

        /** This struct with the fields of {@code other} added (Go's inline structs). */
        Shape with(Shape other) {
            Map<String, Shape> merged = new LinkedHashMap<>(fields);
            merged.putAll(other.fields);
            return new Shape(merged, null);
        }
    }

    private static final Shape ANY = Shape.ANY;
    private static final Shape GVK = Shape.struct("group", ANY, "version", ANY, "kind", ANY);
    private static final Shape RES_ID = GVK.with(Shape.struct("name", ANY, "namespace", ANY));
    private static final Shape SELECTOR = RES_ID.with(Shape.struct("annotationSelector", ANY, "labelSelector", ANY));
    private static final Shape FIELD_SPEC = GVK.with(Shape.struct("path", ANY, "create", ANY));
    private static final Shape FIELD_OPTIONS = Shape.struct("delimiter", ANY, "index", ANY, "encoding", ANY,
            "create", ANY);
    private static final Shape PATCH = Shape.struct("path", ANY, "patch", ANY, "target", SELECTOR, "options", ANY);
    private static final Shape IMAGE = Shape.struct("name", ANY, "newName", ANY, "tagSuffix", ANY, "newTag", ANY,
            "digest", ANY);
    private static final Shape GENERATOR_OPTIONS = Shape.struct("labels", ANY, "annotations", ANY,
            "disableNameSuffixHash", ANY, "immutable", ANY);
    private static final Shape GENERATOR = Shape.struct("namespace", ANY, "name", ANY, "behavior", ANY,
            "literals", ANY, "files", ANY, "envs", ANY, "env", ANY, "options", GENERATOR_OPTIONS);
    private static final Shape REPLACEMENT = Shape.struct(
            "source", RES_ID.with(Shape.struct("fieldPath", ANY, "options", FIELD_OPTIONS)),
            "targets", Shape.listOf(Shape.struct("select", SELECTOR, "reject", Shape.listOf(SELECTOR),
                    "fieldPaths", ANY, "options", FIELD_OPTIONS)),
            "sourceValue", ANY, "path", ANY);
    private static final Shape VAR = Shape.struct("name", ANY,
            "objref", GVK.with(Shape.struct("apiVersion", ANY, "name", ANY, "namespace", ANY)),
            "fieldref", Shape.struct("fieldPath", ANY));
    private static final Shape HELM_CHART = Shape.struct("name", ANY, "version", ANY, "repo", ANY,
            "releaseName", ANY, "namespace", ANY, "additionalValuesFiles", ANY, "valuesFile", ANY,
            "valuesInline", ANY, "valuesMerge", ANY, "includeCRDs", ANY, "skipHooks", ANY, "apiVersions", ANY,
            "kubeVersion", ANY, "nameTemplate", ANY, "skipTests", ANY, "debug", ANY, "devel", ANY);
    private static final Shape HELM_CHART_ARGS = Shape.struct("chartName", ANY, "chartVersion", ANY,
            "chartRepoUrl", ANY, "chartHome", ANY, "chartRepoName", ANY, "helmBin", ANY, "helmHome", ANY,
            "values", ANY, "valuesLocal", ANY, "valuesMerge", ANY, "releaseName", ANY, "releaseNamespace", ANY,
            "extraArgs", ANY);

    private static final Shape KUSTOMIZATION = Shape.struct(
            "kind", ANY, "apiVersion", ANY,
            "metadata", Shape.struct("name", ANY, "namespace", ANY, "labels", ANY, "annotations", ANY),
            "openapi", ANY, "namePrefix", ANY, "nameSuffix", ANY, "namespace", ANY, "commonLabels", ANY,
            "labels", Shape.listOf(Shape.struct("pairs", ANY, "includeSelectors", ANY, "includeTemplates", ANY,
                    "fields", Shape.listOf(FIELD_SPEC))),
            "commonAnnotations", ANY, "patchesStrategicMerge", ANY,
            "patchesJson6902", Shape.listOf(PATCH), "patches", Shape.listOf(PATCH),
            "images", Shape.listOf(IMAGE), "imageTags", Shape.listOf(IMAGE),
            "replacements", Shape.listOf(REPLACEMENT),
            "replicas", Shape.listOf(Shape.struct("name", ANY, "count", ANY)),
            "vars", Shape.listOf(VAR),
            "sortOptions", Shape.struct("order", ANY,
                    "legacySortOptions", Shape.struct("orderFirst", ANY, "orderLast", ANY)),
            "resources", ANY, "components", ANY, "crds", ANY, "bases", ANY,
            "configMapGenerator", Shape.listOf(GENERATOR),
            "secretGenerator", Shape.listOf(GENERATOR.with(Shape.struct("type", ANY))),
            "helmGlobals", Shape.struct("chartHome", ANY, "configHome", ANY),
            "helmCharts", Shape.listOf(HELM_CHART),
            "helmChartInflationGenerator", Shape.listOf(HELM_CHART_ARGS),
            "generatorOptions", GENERATOR_OPTIONS,
            "configurations", ANY, "generators", ANY, "transformers", ANY, "validators", ANY, "buildMetadata", ANY);

    private KustomizationFields() {
    }

    /**
     * The kustomization with every key of a struct spelled as its field is declared.
     *
     * @throws IllegalArgumentException {@code json: unknown field "name"} for a key matching no field
     */
    static ObjectNode canonical(ObjectNode kustomization) {
        return (ObjectNode) canonical(kustomization, KUSTOMIZATION);
    }

    private static JsonNode canonical(JsonNode node, Shape shape) {
        if (shape.item() != null && node instanceof ArrayNode list) {
            ArrayNode copy = list.arrayNode();
            list.forEach(item -> copy.add(canonical(item, shape.item())));
            return copy;
        }
        if (shape.fields() == null || !(node instanceof ObjectNode object)) {
            return node;
        }
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (String key : keys) {
            String field = fieldNamed(key, shape);
            values.remove(field);
            values.put(field, canonical(object.get(key), shape.fields().get(field)));
        }
        ObjectNode result = object.objectNode();
        // Keep the order the keys were written in, so that messages and maps read naturally.
        for (String key : object.properties().stream().map(Map.Entry::getKey).toList()) {
            String field = fieldNamed(key, shape);
            if (!result.has(field)) {
                result.set(field, values.get(field));
            }
        }
        return result;
    }

    private static String fieldNamed(String key, Shape shape) {
        if (shape.fields().containsKey(key)) {
            return key;
        }
        String folded = key.toLowerCase(Locale.ROOT);
        for (String field : shape.fields().keySet()) {
            if (field.toLowerCase(Locale.ROOT).equals(folded)) {
                return field;
            }
        }
        throw new IllegalArgumentException("json: unknown field \"" + key + "\"");
    }
}
