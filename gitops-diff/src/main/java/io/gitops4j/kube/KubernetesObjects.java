package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read and copy-on-write access to the metadata of Kubernetes objects held as Jackson trees.
 * Readers never fail on a missing field: they answer with an empty string or map.
 */
public final class KubernetesObjects {

    private KubernetesObjects() {
    }

    /** {@code metadata.name}, or empty. */
    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    /** {@code metadata.namespace}, or empty. */
    public static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    /** {@code kind}, or empty. */
    public static String kind(JsonNode object) {
        return object.path("kind").asText("");
    }

    /** {@code apiVersion}, or empty. */
    public static String apiVersion(JsonNode object) {
        return object.path("apiVersion").asText("");
    }

    /** {@code metadata.labels}, in their order; empty when there are none. */
    public static Map<String, String> labels(JsonNode object) {
        return stringMap(object.path("metadata").path("labels"));
    }

    /** {@code metadata.annotations}, in their order; empty when there are none. */
    public static Map<String, String> annotations(JsonNode object) {
        return stringMap(object.path("metadata").path("annotations"));
    }

    /** One annotation's value, or empty. */
    public static String annotation(JsonNode object, String key) {
        return object.path("metadata").path("annotations").path(key).asText("");
    }

    /** The object's {@code metadata}, created when missing. Mutates {@code object}. */
    public static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        return metadata instanceof ObjectNode meta ? meta : object.putObject("metadata");
    }

    /** A copy of {@code object} with one annotation set. */
    public static ObjectNode withAnnotation(ObjectNode object, String key, String value) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = metadata(copy);
        JsonNode annotations = metadata.get("annotations");
        (annotations instanceof ObjectNode a ? a : metadata.putObject("annotations")).put(key, value);
        return copy;
    }

    /** A copy of {@code object} in another namespace ({@code ""} removes the namespace). */
    public static ObjectNode withNamespace(ObjectNode object, String namespace) {
        ObjectNode copy = object.deepCopy();
        if (namespace.isEmpty()) {
            metadata(copy).remove("namespace");
        } else {
            metadata(copy).put("namespace", namespace);
        }
        return copy;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
