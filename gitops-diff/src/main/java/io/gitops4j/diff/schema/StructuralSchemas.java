package io.gitops4j.diff.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ObjectType} of a custom resource, read from the structural schema of its
 * CustomResourceDefinition ({@code spec.versions[].schema.openAPIV3Schema}) as the API server
 * reads it for server-side apply: {@code x-kubernetes-list-type} ({@code atomic} when unsaid),
 * {@code x-kubernetes-list-map-keys}, {@code x-kubernetes-map-type}, objects with
 * {@code properties} as structs and with {@code additionalProperties} as maps, and
 * {@code x-kubernetes-int-or-string}.
 *
 * <pre>{@code
 * ObjectType gateway = StructuralSchemas.objectType("Gateway", crdVersion.at("/schema/openAPIV3Schema"));
 * gateway.field("spec").type().field("listeners").listMapKeys();   // [name]
 * }</pre>
 *
 * <p>Custom resources take no strategic merge patches, so no field has a patch merge key or
 * strategy. Parts of the schema that say nothing ({@code x-kubernetes-preserve-unknown-fields}
 * without properties) are {@link ObjectType#UNTYPED}.
 */
public final class StructuralSchemas {

    private StructuralSchemas() {
    }

    /**
     * The type of objects that {@code schema} describes.
     *
     *
     * @param name a name for the type, such as the kind; nested types are named by their path under it
     * @param schema an OpenAPI v3 structural schema, as in a CustomResourceDefinition
     * @return the type; {@link ObjectType#UNTYPED} when {@code schema} is not an object
     */
    public static ObjectType objectType(String name, JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return ObjectType.UNTYPED;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean atomic = schema.path("x-kubernetes-map-type").asText().equals("atomic");
        if (properties.isObject() && !properties.isEmpty()) {
            ObjectType type = new ObjectType(name, atomic);
            properties.properties().forEach(property ->
                    type.addField(property.getKey(), field(name + "." + property.getKey(), property.getValue())));
            return type;
        }
        if (additional.isObject()) {
            return atomic ? new ObjectType(name, true) : new ObjectType(name, field(name + "[*]", additional));
        }
        return atomic ? new ObjectType(name, true) : ObjectType.UNTYPED;
    }

    private static FieldSchema field(String path, JsonNode schema) {
        if (schema.path("type").asText().equals("array")) {
            JsonNode items = schema.path("items");
            ListType listType = switch (schema.path("x-kubernetes-list-type").asText("atomic")) {
                case "map" -> ListType.MAP;
                case "set" -> ListType.SET;
                default -> ListType.ATOMIC;
            };
            List<String> keys = new ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(key -> keys.add(key.asText()));
            return new FieldSchema(objectType(path + "[*]", items), formatOf(items), listType,
                    listType == ListType.MAP ? keys : List.of(), "", Set.of());
        }
        return new FieldSchema(objectType(path, schema), formatOf(schema), ListType.ATOMIC, List.of(), "", Set.of());
    }

    private static ValueFormat formatOf(JsonNode schema) {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false) ? ValueFormat.INT_OR_STRING : ValueFormat.NONE;
    }

    /**
     * The types of the versions of a CustomResourceDefinition, by version name: each version's
     * schema, with {@code metadata} read as the built-in ObjectMeta (finalizers a set,
     * ownerReferences keyed by uid), as the API server reads it whatever the schema says.
     *
     * @param crd the CustomResourceDefinition
     * @return the types, by version name, in the order of {@code spec.versions}
     */
    public static Map<String, ObjectType> ofDefinition(JsonNode crd) {
        Map<String, ObjectType> types = new LinkedHashMap<>();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            types.put(version.path("name").asText(), resourceType(kind, version.path("schema").path("openAPIV3Schema")));
        }
        return types;
    }

    private static ObjectType resourceType(String kind, JsonNode schema) {
        ObjectType root = new ObjectType(kind, false);
        schema.path("properties").properties().forEach(property ->
                root.addField(property.getKey(), field(kind + "." + property.getKey(), property.getValue())));
        KubernetesSchema.builtIn().type("meta.v1.ObjectMeta").ifPresent(meta -> root.addField("metadata",
                new FieldSchema(meta, ValueFormat.NONE, ListType.ATOMIC, List.of(), "", Set.of())));
        return root;
    }
}
