package io.gitops4j.diff.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.Map;

/**
 * Emulated server defaulting for the comparison, where it matters: inside the values a patch
 * replaces whole — atomic lists (a StatefulSet's {@code volumeClaimTemplates}), objects with the
 * {@code replace} or {@code retainKeys} strategy (a Deployment's {@code strategy}), items of lists
 * with {@code retainKeys} (volumes). Elsewhere a patch keeps the fields only the live object has,
 * so a field Git leaves out never counts (an HPA's {@code replicas}).
 *
 * <p>A replaced value that already matches the live one is left alone; one that matches it once
 * the server's defaults are filled in takes the live value; any other takes the defaulted value,
 * which is what the server would store. So a freshly applied object diffs as unchanged, and an
 * object compared with itself too, whether or not its live copy was defaulted.
 */
public final class ReplacedValueDefaults {

    private ReplacedValueDefaults() {
    }

    /** Fills defaults into the replaced values of {@code desired} (modified in place), compared with {@code live}. */
    public static void apply(ObjectNode desired, ObjectNode live) {
        if (!ServerDefaults.knows(desired.path("apiVersion").asText(""), desired.path("kind").asText(""))) {
            return;
        }
        merge(desired, ServerDefaults.apply(desired), live, KubernetesSchema.builtIn().typeOf(desired));
    }

    private static void merge(ObjectNode target, ObjectNode defaulted, JsonNode live, ObjectType type) {
        for (Map.Entry<String, JsonNode> entry : target.properties()) {
            JsonNode value = entry.getValue();
            JsonNode withDefaults = defaulted.get(entry.getKey());
            JsonNode current = live == null ? null : live.get(entry.getKey());
            if (withDefaults == null) {
                continue;
            }
            FieldSchema field = type.field(entry.getKey());
            if (value.isObject() && withDefaults.isObject()) {
                if (field.replaces() || field.retainsKeys()) {
                    entry.setValue(choose(value, withDefaults, current, field.type()));
                } else {
                    merge((ObjectNode) value, (ObjectNode) withDefaults, current, field.type());
                }
            } else if (value.isArray() && withDefaults.isArray() && value.size() == withDefaults.size()) {
                if (!field.mergesList()) {
                    entry.setValue(chooseList((ArrayNode) value, (ArrayNode) withDefaults, current, field));
                } else {
                    mergeItems((ArrayNode) value, (ArrayNode) withDefaults, current, field);
                }
            }
        }
    }

    private static void mergeItems(ArrayNode target, ArrayNode defaulted, JsonNode live, FieldSchema field) {
        String mergeKey = field.patchMergeKey();
        for (int i = 0; i < target.size(); i++) {
            if (!(target.get(i) instanceof ObjectNode item) || !(defaulted.get(i) instanceof ObjectNode withDefaults)) {
                continue;
            }
            JsonNode current = itemWithKey(live, mergeKey, item.get(mergeKey));
            if (field.retainsKeys()) {
                target.set(i, choose(item, withDefaults, current, field.type()));
            } else {
                merge(item, withDefaults, current, field.type());
            }
        }
    }

    private static JsonNode choose(JsonNode value, JsonNode withDefaults, JsonNode current, ObjectType type) {
        if (current == null || Equivalence.equivalent(value, current, type)) {
            return value;
        }
        return Equivalence.equivalent(withDefaults, current, type) ? current.deepCopy() : withDefaults.deepCopy();
    }

    private static JsonNode chooseList(ArrayNode value, ArrayNode withDefaults, JsonNode current, FieldSchema field) {
        if (current == null || !current.isArray() || equivalentLists(value, current, field)) {
            return value;
        }
        return equivalentLists(withDefaults, current, field) ? current.deepCopy() : withDefaults.deepCopy();
    }

    private static boolean equivalentLists(JsonNode a, JsonNode b, FieldSchema field) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            boolean same = a.get(i).isObject() && b.get(i).isObject()
                    ? Equivalence.equivalent(a.get(i), b.get(i), field.type())
                    : JsonValues.equal(a.get(i), b.get(i));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode itemWithKey(JsonNode list, String mergeKey, JsonNode key) {
        if (list == null || !list.isArray() || key == null) {
            return null;
        }
        for (JsonNode item : list) {
            if (JsonValues.equal(item.get(mergeKey), key)) {
                return item;
            }
        }
        return null;
    }
}
