package io.gitops4j.diff.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds an OpenAPI v2 (Swagger) document declares, read as Kustomize reads a custom schema
 * given by a kustomization's {@code openapi: {path: ...}}: each definition with
 * {@code x-kubernetes-group-version-kind} is the type of those kinds; {@code $ref}s to
 * {@code #/definitions/...} are followed; arrays carry {@code x-kubernetes-patch-strategy},
 * {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-list-type} and
 * {@code x-kubernetes-list-map-keys}, so a custom resource's lists merge by key in a strategic
 * merge patch. A reference to a definition the document lacks is a part without schema (objects
 * merge, lists are replaced), as in Kustomize.
 *
 * <pre>{@code
 * KubernetesSchema schema = KubernetesSchema.builtIn().withKinds(OpenApiDefinitions.kinds(document));
 * }</pre>
 *
 * <p>Hostile documents are bounded: inline schemas nest at most {@value #MAX_DEPTH} levels and a
 * document declares at most {@value #MAX_DEFINITIONS} definitions; references lead through at most
 * {@value #MAX_DEPTH} definitions, one inside another; recursive references are fine (types may
 * be recursive).
 */
public final class OpenApiDefinitions {

    /** The deepest nesting of inline schemas (without {@code $ref}) accepted. */
    public static final int MAX_DEPTH = 64;
    /** The most definitions a document may hold. */
    public static final int MAX_DEFINITIONS = 20_000;

    private static final String REF_PREFIX = "#/definitions/";
    /** How the built-in table shortens the definition names of Kubernetes' OpenAPI document. */
    private static final String[][] BUILT_IN_PREFIXES = {
        {"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.", "apiextensions."},
        {"io.k8s.kube-aggregator.pkg.apis.apiregistration.", "apiregistration."},
        {"io.k8s.apimachinery.pkg.apis.meta.", "meta."},
        {"io.k8s.apimachinery.pkg.", "apimachinery."},
        {"io.k8s.api.", ""},
    };

    private final JsonNode definitions;
    private final Map<String, ObjectType> named = new HashMap<>();
    /** How many definitions are being read, one inside another through references. */
    private int resolving;

    private final boolean builtInDefinitions;

    private OpenApiDefinitions(JsonNode definitions, boolean builtInDefinitions) {
        this.definitions = definitions;
        this.builtInDefinitions = builtInDefinitions;
    }

    /**
     * The types of the kinds the document declares, by {@code apiVersion/kind}
     * ({@code example.com/v1alpha1/MyCRD}, {@code v1/Foo} for the core group).
     *
     *
     * @param document the OpenAPI v2 document
     * @return the types by {@code apiVersion/kind}
     * @throws IllegalArgumentException when the document is not an OpenAPI v2 document with
     *     {@code definitions}, has a reference outside itself, or exceeds the bounds
     */
    public static Map<String, ObjectType> kinds(JsonNode document) {
        return kinds(document, false);
    }

    /**
     * As {@link #kinds(JsonNode)}; with {@code builtInDefinitions}, a definition Kubernetes' own
     * document has is the built-in one, whether this document redefines it or lacks it (Kustomize
     * reads the built-in definitions into the same table after the custom ones when it had
     * already read them for the build).
     *
     * @param document the OpenAPI v2 document
     * @param builtInDefinitions whether Kubernetes' own definitions take precedence
     * @return the types by {@code apiVersion/kind}
     */
    public static Map<String, ObjectType> kinds(JsonNode document, boolean builtInDefinitions) {
        JsonNode definitions = document == null ? null : document.get("definitions");
        if (definitions == null || !definitions.isObject()) {
            throw new IllegalArgumentException("not an OpenAPI v2 document: it has no 'definitions' mapping");
        }
        if (definitions.size() > MAX_DEFINITIONS) {
            throw new IllegalArgumentException("the document holds " + definitions.size()
                    + " definitions, more than the " + MAX_DEFINITIONS + " accepted");
        }
        OpenApiDefinitions reader = new OpenApiDefinitions(definitions, builtInDefinitions);
        Map<String, ObjectType> kinds = new LinkedHashMap<>();
        definitions.properties().forEach(entry -> {
            for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText("");
                String version = gvk.path("version").asText("");
                String kind = gvk.path("kind").asText("");
                if (!kind.isEmpty() && !version.isEmpty()) {
                    kinds.put((group.isEmpty() ? "" : group + "/") + version + "/" + kind,
                            reader.definition(entry.getKey()));
                }
            }
        });
        return kinds;
    }

    /** The name the built-in table gives a definition of Kubernetes' own document. */
    private static String builtInName(String name) {
        for (String[] prefix : BUILT_IN_PREFIXES) {
            if (name.startsWith(prefix[0])) {
                return prefix[1] + name.substring(prefix[0].length());
            }
        }
        return name;
    }

    private ObjectType definition(String name) {
        ObjectType known = named.get(name);
        if (known != null) {
            return known;
        }
        Optional<ObjectType> builtIn = builtInDefinitions ? KubernetesSchema.builtIn().type(builtInName(name))
                : Optional.empty();
        if (builtIn.isPresent()) {
            return builtIn.get(); // Kustomize reads the built-in definitions after the custom ones
        }
        JsonNode schema = definitions.get(name);
        if (schema == null || !schema.isObject()) {
            return ObjectType.UNTYPED; // Kustomize merges what it cannot resolve without a schema
        }
        JsonNode properties = schema.path("properties");
        if (!properties.isObject() || properties.isEmpty()) {
            ObjectType type = inline(name, schema, 0);
            named.put(name, type);
            return type;
        }
        if (++resolving > MAX_DEPTH) {
            throw new IllegalArgumentException("at " + name + ": references nest deeper than " + MAX_DEPTH + " levels");
        }
        ObjectType type = new ObjectType(name, "atomic".equals(schema.path("x-kubernetes-map-type").asText()));
        named.put(name, type); // before the fields: a definition may refer to itself
        properties.properties().forEach(p -> type.addField(p.getKey(), field(name + "." + p.getKey(), p.getValue(), 1)));
        resolving--;
        return type;
    }

    /** The type of an object schema: a reference, a struct with properties, a map, or nothing said. */
    private ObjectType objectType(String path, JsonNode schema, int depth) {
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            if (!ref.startsWith(REF_PREFIX)) {
                throw new IllegalArgumentException("at " + path + ": only local references (" + REF_PREFIX
                        + "...) are supported, not " + ref);
            }
            return definition(ref.substring(REF_PREFIX.length()));
        }
        return inline(path, schema, depth);
    }

    private ObjectType inline(String path, JsonNode schema, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("at " + path + ": schemas nest deeper than " + MAX_DEPTH + " levels");
        }
        boolean atomic = "atomic".equals(schema.path("x-kubernetes-map-type").asText());
        JsonNode properties = schema.path("properties");
        if (properties.isObject() && !properties.isEmpty()) {
            ObjectType type = new ObjectType(path, atomic);
            properties.properties().forEach(p ->
                    type.addField(p.getKey(), field(path + "." + p.getKey(), p.getValue(), depth + 1)));
            return type;
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            return atomic ? new ObjectType(path, true) : new ObjectType(path, field(path + "[*]", additional, depth + 1));
        }
        return atomic ? new ObjectType(path, true) : ObjectType.UNTYPED;
    }

    private FieldSchema field(String path, JsonNode schema, int depth) {
        if (!schema.isObject()) {
            return FieldSchema.UNTYPED;
        }
        ValueFormat format = schema.path("x-kubernetes-int-or-string").asBoolean(false)
                ? ValueFormat.INT_OR_STRING : ValueFormat.NONE;
        if (!"array".equals(schema.path("type").asText())) {
            return new FieldSchema(objectType(path, schema, depth), format, ListType.ATOMIC, List.of(), "", Set.of());
        }
        JsonNode items = schema.path("items");
        ObjectType itemType = items.isObject() ? objectType(path + "[*]", items, depth + 1) : ObjectType.UNTYPED;
        List<String> mapKeys = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(key -> mapKeys.add(key.asText()));
        return FieldSchema.ofList(itemType, format, schema.path("x-kubernetes-patch-strategy").asText(""),
                schema.path("x-kubernetes-patch-merge-key").asText(""), mapKeys,
                schema.path("x-kubernetes-list-type").asText(""));
    }
}
