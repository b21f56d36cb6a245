package io.gitops4j.diff.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.internal.JsonLists;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.ArrayList;
import java.util.List;
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
 * object compared with itself too, whether or not its live copy was defaulted. The defaults are
 * only computed when some replaced value differs from its live counterpart.
 */
public final class ReplacedValueDefaults {

    private ReplacedValueDefaults() {
    }

    /** A path from the root, as a chain of field names and list indexes. */
    private record Step(Step parent, Object key) {

        List<Object> keys() {
            List<Object> keys = new ArrayList<>();
            for (Step step = this; step != null; step = step.parent) {
                keys.add(0, step.key);
            }
            return keys;
        }
    }

    /** A replaced value of the desired object that differs from its live counterpart. */
    private record Differing(JsonNode parent, String field, int index, Step path, JsonNode current,
            FieldSchema schema, boolean wholeList) {

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    /**
     * Fills defaults into the replaced values of {@code desired} (modified in place), compared with {@code live}.
     *
     * @param desired the desired object, changed in place
     * @param live the live object
     */
    public static void apply(ObjectNode desired, ObjectNode live) {
        if (!ServerDefaults.knows(desired.path("apiVersion").asText(""), desired.path("kind").asText(""))) {
            return;
        }
        List<Differing> differing = new ArrayList<>();
        collect(desired, live, KubernetesSchema.builtIn().typeOf(desired), null, differing);
        if (differing.isEmpty()) {
            return;
        }
        ObjectNode defaulted = ServerDefaults.fillDefaults(desired);
        for (Differing value : differing) {
            JsonNode withDefaults = at(defaulted, value.path());
            if (withDefaults == null) {
                continue;
            }
            boolean matchesLive = value.wholeList()
                    ? Equivalence.values(withDefaults, value.current(), value.schema())
                    : Equivalence.equivalent(withDefaults, value.current(), value.schema().type());
            value.set(matchesLive ? value.current().deepCopy() : withDefaults.deepCopy());
        }
    }

    private static void collect(ObjectNode desired, JsonNode live, ObjectType type, Step path,
            List<Differing> differing) {
        for (Map.Entry<String, JsonNode> entry : desired.properties()) {
            JsonNode value = entry.getValue();
            JsonNode current = live.get(entry.getKey());
            if (current == null) {
                continue;
            }
            FieldSchema field = type.field(entry.getKey());
            Step fieldPath = new Step(path, entry.getKey());
            if (value.isObject() && current.isObject()) {
                if (field.replaces() || field.retainsKeys()) {
                    if (!Equivalence.equivalent(value, current, field.type())) {
                        differing.add(new Differing(desired, entry.getKey(), -1, fieldPath, current, field, false));
                    }
                } else {
                    collect((ObjectNode) value, current, field.type(), fieldPath, differing);
                }
            } else if (value.isArray() && current.isArray()) {
                if (!field.mergesList()) {
                    if (JsonLists.holdsObjects(value) && !Equivalence.values(value, current, field)) {
                        differing.add(new Differing(desired, entry.getKey(), -1, fieldPath, current, field, true));
                    }
                } else {
                    collectItems((ArrayNode) value, (ArrayNode) current, field, fieldPath, differing);
                }
            }
        }
    }

    private static void collectItems(ArrayNode desired, ArrayNode live, FieldSchema field, Step path,
            List<Differing> differing) {
        String mergeKey = field.patchMergeKey();
        for (int i = 0; i < desired.size(); i++) {
            if (!(desired.get(i) instanceof ObjectNode item)) {
                continue;
            }
            JsonNode current = JsonLists.itemWithKey(live, mergeKey, item.get(mergeKey));
            if (current == null) {
                continue;
            }
            Step itemPath = new Step(path, i);
            if (!field.retainsKeys()) {
                collect(item, current, field.type(), itemPath, differing);
            } else if (!Equivalence.equivalent(item, current, field.type())) {
                differing.add(new Differing(desired, null, i, itemPath, current, field, false));
            }
        }
    }

    private static JsonNode at(JsonNode root, Step path) {
        JsonNode node = root;
        for (Object step : path.keys()) {
            node = step instanceof String field ? node.get(field) : node.get((Integer) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
