package io.gitops4j.diff.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The list merge keys, patch strategies, list types and value formats of the built-in
 * Kubernetes kinds, looked up by {@code apiVersion} and {@code kind}.
 *
 * <p>The table ships in the jar ({@code io/gitops4j/diff/schema/kubernetes-schema.json}),
 * derived from the Kubernetes v1.21.2 OpenAPI definitions plus hand-written additions for newer
 * kinds and fields; see {@code SchemaTableGenerator} in the tests for how to regenerate it.
 * Kinds it does not know (custom resources) are {@link ObjectType#UNTYPED}: maps merge and lists
 * are replaced whole, the JSON merge patch semantics.
 *
 * <pre>{@code
 * ObjectType podSpec = KubernetesSchema.builtIn().typeOf("apps/v1", "Deployment")
 *         .field("spec").type().field("template").type().field("spec").type();
 * podSpec.field("containers").patchMergeKey();   // "name"
 * }</pre>
 */
public final class KubernetesSchema {

    private static final String RESOURCE = "/io/gitops4j/diff/schema/kubernetes-schema.json";
    private static final KubernetesSchema BUILT_IN = load();

    private final Map<String, ObjectType> kinds;
    private final Map<String, ObjectType> groupKinds;
    private final Map<String, ObjectType> types;

    private final Map<String, ObjectType> exactKinds;

    private KubernetesSchema(Map<String, ObjectType> kinds, Map<String, ObjectType> types) {
        this(kinds, types, Map.of());
    }

    private KubernetesSchema(Map<String, ObjectType> kinds, Map<String, ObjectType> types,
            Map<String, ObjectType> exactKinds) {
        this.kinds = kinds;
        this.types = types;
        this.exactKinds = Map.copyOf(exactKinds);
        this.groupKinds = new HashMap<>();
        kinds.forEach((gvk, type) -> groupKinds.putIfAbsent(groupKind(gvk), type));
    }

    /**
     * A schema of the given kinds only, without the built-in ones (Kustomize's schema when a
     * custom OpenAPI document replaces Kubernetes' own).
     *
     *
     * @param kinds types by {@code apiVersion/kind}, found by their exact {@code apiVersion/kind}
     * @return the schema
     */
    public static KubernetesSchema ofKinds(Map<String, ObjectType> kinds) {
        return new KubernetesSchema(Map.of(), Map.of(), kinds);
    }

    /**
     * This schema with more kinds, such as those of a custom OpenAPI document
     * ({@link OpenApiDefinitions#kinds}): each is found by its exact {@code apiVersion/kind} (no
     * fallback to another version) and takes precedence over this schema's type for it.
     *
     *
     * @param added types by {@code apiVersion/kind}
     * @return the new schema
     */
    public KubernetesSchema withKinds(Map<String, ObjectType> added) {
        Map<String, ObjectType> merged = new HashMap<>(exactKinds);
        merged.putAll(added);
        return new KubernetesSchema(kinds, types, merged);
    }

    /**
     * The table of the built-in Kubernetes kinds.
     *
     * @return the built-in schema
     */
    public static KubernetesSchema builtIn() {
        return BUILT_IN;
    }

    /**
     * The type of objects of a kind; {@link ObjectType#UNTYPED} for kinds the table does not
     * know. A version the table lacks falls back to another version of the same group and kind.
     *
     * @param apiVersion the {@code apiVersion}, for example {@code apps/v1}
     * @param kind the kind
     * @return the type
     */
    public ObjectType typeOf(String apiVersion, String kind) {
        ObjectType exact = exactKinds.get(apiVersion + "/" + kind);
        if (exact != null) {
            return exact;
        }
        ObjectType type = kinds.get(apiVersion + "/" + kind);
        if (type == null) {
            type = groupKinds.get(GroupVersion.parse(apiVersion).group() + "/" + kind);
        }
        return type == null ? ObjectType.UNTYPED : type;
    }

    /**
     * The type of an object, from its {@code apiVersion} and {@code kind}.
     *
     * @param object a Kubernetes object
     * @return the type
     */
    public ObjectType typeOf(JsonNode object) {
        return typeOf(object.path("apiVersion").asText(""), object.path("kind").asText(""));
    }

    /**
     * Whether the table knows a kind (in any version of its group).
     *
     * @param apiVersion the {@code apiVersion}
     * @param kind the kind
     * @return whether its type is known
     */
    public boolean isKnown(String apiVersion, String kind) {
        return !typeOf(apiVersion, kind).isUntyped();
    }

    /**
     * A definition by name, such as {@code core.v1.PodSpec}.
     *
     * @param name the definition name
     * @return the type, or empty when the table has no such definition
     */
    public Optional<ObjectType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    private static String groupKind(String gvk) {
        int lastSlash = gvk.lastIndexOf('/');
        String kind = gvk.substring(lastSlash + 1);
        return GroupVersion.parse(gvk.substring(0, lastSlash)).group() + "/" + kind;
    }

    private static KubernetesSchema load() {
        JsonNode table;
        try (InputStream in = Objects.requireNonNull(KubernetesSchema.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            table = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema table " + RESOURCE, e);
        }
        Map<String, ObjectType> types = new HashMap<>();
        table.path("types").properties().forEach(entry -> types.put(entry.getKey(),
                new ObjectType(entry.getKey(), "atomic".equals(entry.getValue().path("mapType").asText()))));
        Map<String, ObjectType> mapTypes = new HashMap<>();
        table.path("types").properties().forEach(entry -> entry.getValue().path("fields").properties()
                .forEach(field -> types.get(entry.getKey()).addField(field.getKey(),
                        field(field.getValue(), types, mapTypes))));
        Map<String, ObjectType> kinds = new HashMap<>();
        table.path("kinds").properties().forEach(entry -> kinds.put(entry.getKey(),
                Objects.requireNonNull(types.get(entry.getValue().asText()), entry.getValue().asText())));
        return new KubernetesSchema(kinds, types);
    }

    private static FieldSchema field(JsonNode node, Map<String, ObjectType> types, Map<String, ObjectType> mapTypes) {
        String values = node.path("values").asText("");
        ObjectType type = values.isEmpty() ? ObjectType.UNTYPED
                : mapTypes.computeIfAbsent(values, v -> new ObjectType("map[" + v + "]", entryOfMap(v, types)));
        ValueFormat format = ValueFormat.NONE;
        for (String target : new String[] {"type", "items"}) {
            String name = node.path(target).asText("");
            if (!name.isEmpty()) {
                type = typeOrFormat(name, types);
                format = formatOf(name);
            }
        }
        List<String> mapKeys = new ArrayList<>();
        node.path("listMapKeys").forEach(key -> mapKeys.add(key.asText()));
        return FieldSchema.ofList(type, format, node.path("patchStrategy").asText(""),
                node.path("patchMergeKey").asText(""), mapKeys, node.path("listType").asText(""));
    }

    private static FieldSchema entryOfMap(String values, Map<String, ObjectType> types) {
        return new FieldSchema(typeOrFormat(values, types), formatOf(values), ListType.ATOMIC, List.of(), "", Set.of());
    }

    private static ObjectType typeOrFormat(String name, Map<String, ObjectType> types) {
        return switch (name) {
            case "quantity", "int-or-string", "scalar" -> ObjectType.UNTYPED;
            default -> Objects.requireNonNull(types.get(name), name);
        };
    }

    private static ValueFormat formatOf(String name) {
        return switch (name) {
            case "quantity" -> ValueFormat.QUANTITY;
            case "int-or-string" -> ValueFormat.INT_OR_STRING;
            default -> ValueFormat.NONE;
        };
    }
}
