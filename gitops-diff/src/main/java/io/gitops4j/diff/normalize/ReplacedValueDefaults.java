package io.gitops4j.diff.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.Map;

/**
 * Emulated server defaulting for the comparison: the desired object gets the server's defaults
 * only inside the values a patch replaces whole — items of atomic lists (a StatefulSet's
 * {@code volumeClaimTemplates}), objects with the {@code replace} or {@code retainKeys} strategy
 * (a Deployment's {@code strategy}) — because elsewhere a patch keeps the fields only the live
 * object has. A field Git leaves out therefore never counts (an HPA's {@code replicas}), while a
 * replaced value compares with its defaults filled in, as the server would store it.
 */
public final class ReplacedValueDefaults {

    private ReplacedValueDefaults() {
    }

    /** A copy of {@code desired} with defaults inside its replaced values; unchanged for kinds without defaults. */
    public static ObjectNode apply(ObjectNode desired) {
        if (!ServerDefaults.knows(desired.path("apiVersion").asText(""), desired.path("kind").asText(""))) {
            return desired;
        }
        ObjectNode defaulted = ServerDefaults.apply(desired);
        ObjectNode result = desired.deepCopy();
        merge(result, defaulted, KubernetesSchema.builtIn().typeOf(desired));
        return result;
    }

    private static void merge(ObjectNode target, ObjectNode defaulted, ObjectType type) {
        for (Map.Entry<String, JsonNode> entry : target.properties()) {
            JsonNode value = entry.getValue();
            JsonNode withDefaults = defaulted.get(entry.getKey());
            if (withDefaults == null) {
                continue;
            }
            FieldSchema field = type.field(entry.getKey());
            if (value.isObject() && withDefaults.isObject()) {
                if (field.replaces() || field.retainsKeys()) {
                    entry.setValue(withDefaults.deepCopy());
                } else {
                    merge((ObjectNode) value, (ObjectNode) withDefaults, field.type());
                }
            } else if (value.isArray() && withDefaults.isArray() && value.size() == withDefaults.size()) {
                mergeList((ArrayNode) value, (ArrayNode) withDefaults, field);
            }
        }
    }

    private static void mergeList(ArrayNode target, ArrayNode defaulted, FieldSchema field) {
        for (int i = 0; i < target.size(); i++) {
            if (!(target.get(i) instanceof ObjectNode item) || !(defaulted.get(i) instanceof ObjectNode withDefaults)) {
                continue;
            }
            if (!field.mergesList() || field.retainsKeys()) {
                target.set(i, withDefaults.deepCopy());
            } else {
                merge(item, withDefaults, field.type());
            }
        }
    }
}
