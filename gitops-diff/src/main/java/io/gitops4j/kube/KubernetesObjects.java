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

    /**
     * {@code metadata.name}, or empty.
     *
     * @param object a Kubernetes object
     * @return the name
     */
    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    /**
     * {@code metadata.namespace}, or empty.
     *
     * @param object a Kubernetes object
     * @return the namespace
     */
    public static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    /**
     * {@code kind}, or empty.
     *
     * @param object a Kubernetes object
     * @return the kind
     */
    public static String kind(JsonNode object) {
        return object.path("kind").asText("");
    }

    /**
     * {@code apiVersion}, or empty.
     *
     * @param object a Kubernetes object
     * @return the apiVersion
     */
    public static String apiVersion(JsonNode object) {
        return object.path("apiVersion").asText("");
    }

    /**
     * {@code metadata.labels}, in their order; empty when there are none.
     *
     * @param object a Kubernetes object
     * @return the labels, a new map
     */
    public static Map<String, String> labels(JsonNode object) {
        return stringMap(object.path("metadata").path("labels"));
    }

    /**
     * {@code metadata.annotations}, in their order; empty when there are none.
     *
     * @param object a Kubernetes object
     * @return the annotations, a new map
     */
    public static Map<String, String> annotations(JsonNode object) {
        return stringMap(object.path("metadata").path("annotations"));
    }

    /**
     * One annotation's value, or empty.
     *
     * @param object a Kubernetes object
     * @param key the annotation key, for example {@code argocd.argoproj.io/sync-wave}
     * @return the value
     */
    public static String annotation(JsonNode object, String key) {
        return object.path("metadata").path("annotations").path(key).asText("");
    }

    /**
     * The object's {@code metadata}, created when missing. Mutates {@code object}.
     *
     * @param object a Kubernetes object
     * @return its {@code metadata} node
     */
    public static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        return metadata instanceof ObjectNode meta ? meta : object.putObject("metadata");
    }

    /**
     * A copy of {@code object} with one annotation set.
     *
     * @param object a Kubernetes object; not changed
     * @param key the annotation key
     * @param value the value
     * @return the copy
     */
    public static ObjectNode withAnnotation(ObjectNode object, String key, String value) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = metadata(copy);
        JsonNode annotations = metadata.get("annotations");
        (annotations instanceof ObjectNode a ? a : metadata.putObject("annotations")).put(key, value);
        return copy;
    }

    /**
     * A copy of {@code object} in another namespace ({@code ""} removes the namespace).
     *
     * @param object a Kubernetes object; not changed
     * @param namespace the namespace, or {@code ""} for none
     * @return the copy
     */
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
