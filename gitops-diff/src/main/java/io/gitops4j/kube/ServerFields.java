package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields an API server writes into an object that a manifest in Git never sets, and the
 * removal of them before two objects are compared.
 */
public final class ServerFields {

    /** Metadata fields the API server owns. */
    public static final List<String> METADATA_FIELDS = List.of(
            "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
            "deletionTimestamp", "deletionGracePeriodSeconds");

    /** The annotation {@code kubectl apply} keeps its last applied configuration in. */
    public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    private ServerFields() {
    }

    /**
     * A copy of {@code object} without server-owned metadata, without {@code status} and without
     * the last-applied annotation; empty {@code labels} and {@code annotations} maps are dropped
     * because Kubernetes treats them as absent.
     *
     * @param object a live or desired object; not changed
     * @return the copy
     */
    public static ObjectNode strip(ObjectNode object) {
        return copyWithoutServerFields(object, false);
    }

    /**
     * A copy of {@code object} without server-owned metadata and the last-applied annotation,
     * empty {@code labels} and {@code annotations} dropped; {@code status} is kept.
     *
     * @param object a live or desired object; not changed
     * @return the copy
     */
    public static ObjectNode stripMetadata(ObjectNode object) {
        return copyWithoutServerFields(object, true);
    }

    /**
     * The configuration {@code kubectl apply} recorded in the {@link #LAST_APPLIED_ANNOTATION}
     * of {@code object}; empty when there is none or it is not a JSON object.
     *
     * @param object a live object
     * @return the configuration, or empty
     */
    public static Optional<ObjectNode> lastApplied(JsonNode object) {
        String text = KubernetesObjects.annotation(object, LAST_APPLIED_ANNOTATION);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parseObject(text, LAST_APPLIED_ANNOTATION));
        } catch (ManifestException e) {
            return Optional.empty();
        }
    }

    /** Copies only what is kept, so the large managedFields and status are never copied. */
    private static ObjectNode copyWithoutServerFields(ObjectNode object, boolean keepStatus) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            if (name.equals("metadata") && field.getValue() instanceof ObjectNode metadata) {
                copy.set(name, strippedMetadata(metadata));
            } else if (keepStatus || !name.equals("status")) {
                copy.set(name, field.getValue().deepCopy());
            }
        }
        return copy;
    }

    private static ObjectNode strippedMetadata(ObjectNode metadata) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : metadata.properties()) {
            if (!METADATA_FIELDS.contains(field.getKey())) {
                copy.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        if (copy.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LAST_APPLIED_ANNOTATION);
        }
        removeIfEmpty(copy, "annotations");
        removeIfEmpty(copy, "labels");
        return copy;
    }

    private static void removeIfEmpty(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value != null && (value.isNull() || (value.isObject() && value.isEmpty()))) {
            parent.remove(field);
        }
    }
}
