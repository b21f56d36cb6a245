package io.gitops4j.diff.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Derives the compact schema table ({@code kubernetes-schema.json} in the jar) from Kubernetes
 * OpenAPI definitions plus the hand-written additions in {@code src/schema}.
 *
 * <p>The table keeps, per struct definition, the fields that matter to patching, field sets and
 * normalization: lists with a patch strategy or list type, quantities, int-or-strings, maps
 * ({@code "values"}: their entries are not struct fields), and fields holding other structs.
 * Scalars and lists of scalars without a strategy are left out: "untyped" (atomic, replaced
 * whole) is what they are anyway.
 *
 * <p>Regenerate with {@code mvn -B -ntp test -pl gitops-diff -Dtest=SchemaTableTest
 * -Dschema.write=true} ({@link SchemaTableTest} checks in every build that the committed table is
 * what this generator produces).
 */
final class SchemaTableGenerator {

    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    /** Definition name prefixes and their short forms, the longest first. */
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.", "apiextensions."),
            Map.entry("io.k8s.kube-aggregator.pkg.apis.apiregistration.", "apiregistration."),
            Map.entry("io.k8s.apimachinery.pkg.apis.meta.", "meta."),
            Map.entry("io.k8s.apimachinery.pkg.", "apimachinery."),
            Map.entry("io.k8s.api.", ""));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JsonNode definitions;
    private final Map<String, ObjectNode> tables = new TreeMap<>();

    private SchemaTableGenerator(JsonNode definitions) {
        this.definitions = definitions;
    }

    /** The table text for the OpenAPI document (gzipped) and the additions file. */
    static String generate(Path openApiGz, Path additions) throws IOException {
        JsonNode openApi;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(openApiGz))) {
            openApi = MAPPER.readTree(in);
        }
        ObjectNode table = new SchemaTableGenerator(openApi.get("definitions")).build();
        deepMerge(table, (ObjectNode) MAPPER.readTree(additions.toFile()));
        table.remove("comment");
        table.put("source", "Kubernetes v1.21.2 OpenAPI definitions, plus src/schema/kubernetes-schema-additions.json");
        return MAPPER.writeValueAsString(MAPPER.treeToValue(table, Object.class)) + "\n";
    }

    private ObjectNode build() {
        Map<String, String> kinds = new TreeMap<>();
        definitions.properties().forEach(entry -> entry.getValue().path("x-kubernetes-group-version-kind")
                .forEach(gvk -> {
                    String kind = gvk.path("kind").asText();
                    if (!kind.endsWith("List") && !kind.equals("WatchEvent") && !kind.equals("DeleteOptions")) {
                        String group = gvk.path("group").asText();
                        String apiVersion = group.isEmpty() ? gvk.path("version").asText()
                                : group + "/" + gvk.path("version").asText();
                        kinds.put(apiVersion + "/" + kind, entry.getKey());
                    }
                }));
        Set<String> interesting = interestingDefinitions();
        ObjectNode table = MAPPER.createObjectNode();
        ObjectNode kindsNode = table.putObject("kinds");
        kinds.forEach((kind, definition) -> {
            if (interesting.contains(definition)) {
                kindsNode.put(kind, shortName(definition));
            }
        });
        for (String definition : interesting) {
            tables.put(shortName(definition), describe(definitions.get(definition), interesting));
        }
        ObjectNode types = table.putObject("types");
        tables.forEach(types::set);
        return table;
    }

    /**
     * Definitions with something to say: objects with properties (structs, whose field names tell
     * a struct from a map for field ownership), atomic structs, and what leads to them.
     */
    private Set<String> interestingDefinitions() {
        Set<String> interesting = new HashSet<>();
        definitions.properties().forEach(entry -> {
            JsonNode definition = entry.getValue();
            if (!isScalarType(entry.getKey())
                    && (definition.has("properties") || definition.has("x-kubernetes-map-type"))) {
                interesting.add(entry.getKey());
            }
        });
        return interesting;
    }

    private static boolean isInteresting(JsonNode property, Set<String> interesting) {
        if (property.has("x-kubernetes-list-type") || property.has("x-kubernetes-patch-strategy")
                || property.has("additionalProperties")) {
            return true;
        }
        String target = reference(property);
        return target != null && (isScalarType(target) || interesting.contains(target));
    }

    private ObjectNode describe(JsonNode definition, Set<String> interesting) {
        ObjectNode type = MAPPER.createObjectNode();
        if (definition.has("x-kubernetes-map-type")) {
            type.put("mapType", definition.get("x-kubernetes-map-type").asText());
        }
        ObjectNode fields = type.putObject("fields");
        definition.path("properties").properties().forEach(entry -> {
            JsonNode property = entry.getValue();
            if (!isInteresting(property, interesting)) {
                return;
            }
            ObjectNode field = fields.putObject(entry.getKey());
            copyText(property, "x-kubernetes-list-type", field, "listType");
            copyText(property, "x-kubernetes-patch-merge-key", field, "patchMergeKey");
            copyText(property, "x-kubernetes-patch-strategy", field, "patchStrategy");
            if (property.has("x-kubernetes-list-map-keys")) {
                field.set("listMapKeys", property.get("x-kubernetes-list-map-keys"));
            }
            String direct = property.has("$ref") ? property.get("$ref").asText() : null;
            String items = property.path("items").has("$ref") ? property.path("items").get("$ref").asText() : null;
            String values = property.path("additionalProperties").has("$ref")
                    ? property.path("additionalProperties").get("$ref").asText() : null;
            putTarget(field, direct, "type", interesting);
            putTarget(field, items, "items", interesting);
            putTarget(field, values, "values", interesting);
            if (property.has("additionalProperties") && !field.has("values")) {
                field.put("values", "scalar");
            }
        });
        return type;
    }

    private static void putTarget(ObjectNode field, String ref, String name, Set<String> interesting) {
        if (ref == null) {
            return;
        }
        String target = ref.substring(ref.lastIndexOf('/') + 1);
        if (target.equals(QUANTITY)) {
            field.put(name, "quantity");
        } else if (target.equals(INT_OR_STRING)) {
            field.put(name, "int-or-string");
        } else if (interesting.contains(target)) {
            field.put(name, shortName(target));
        }
    }

    private static String reference(JsonNode property) {
        for (JsonNode candidate : new JsonNode[] {property, property.path("items"), property.path("additionalProperties")}) {
            if (candidate.has("$ref")) {
                String ref = candidate.get("$ref").asText();
                return ref.substring(ref.lastIndexOf('/') + 1);
            }
        }
        return null;
    }

    private static boolean isScalarType(String definition) {
        return definition.equals(QUANTITY) || definition.equals(INT_OR_STRING);
    }

    private static void copyText(JsonNode from, String fromName, ObjectNode to, String toName) {
        if (from.has(fromName)) {
            to.put(toName, from.get(fromName).asText());
        }
    }

    static String shortName(String definition) {
        for (var prefix : PREFIXES) {
            if (definition.startsWith(prefix.getKey())) {
                return prefix.getValue() + definition.substring(prefix.getKey().length());
            }
        }
        return definition;
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        source.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode sourceObject) {
                deepMerge(existingObject, sourceObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
