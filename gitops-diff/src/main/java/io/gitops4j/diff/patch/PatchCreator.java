package io.gitops4j.diff.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.internal.JsonLists;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Creates strategic merge patches, as {@code kubectl apply} does: changes and additions are
 * what {@code modified} has that {@code current} lacks or has otherwise; deletions are the
 * fields {@code original} had that {@code modified} dropped (and {@code current} still has).
 * Fields only {@code current} has are left alone. Lists with the merge strategy get item patches,
 * {@code $patch: delete} items, {@code $deleteFromPrimitiveList} and {@code $setElementOrder};
 * objects with the retainKeys strategy get {@code $retainKeys}.
 */
final class PatchCreator {

    private PatchCreator() {
    }

    /**
     * @param original the last applied configuration, or {@code null} to compute no deletions
     * @param modified the new configuration
     * @param current the object as it is now
     */
    static ObjectNode diffObjects(ObjectNode original, ObjectNode modified, ObjectNode current, ObjectType type,
            boolean retainKeys) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : modified.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode now = current.get(name);
            FieldSchema field = type.field(name);
            if (value.isNull()) {
                if (now != null && !now.isNull()) {
                    patch.putNull(name);
                }
            } else if (now == null || now.isNull() || JsonValues.differentKinds(now, value)) {
                patch.set(name, value.deepCopy());
            } else if (value.isObject()) {
                diffObjectField(patch, name, original == null ? null : original.get(name), (ObjectNode) value,
                        (ObjectNode) now, field);
            } else if (value.isArray() && field.mergesList()) {
                diffMergedList(patch, name, original == null ? null : original.get(name), (ArrayNode) value,
                        (ArrayNode) now, field);
            } else if (!JsonValues.equal(value, now)) {
                patch.set(name, value.deepCopy());
            }
        }
        if (original != null) {
            original.properties().forEach(entry -> {
                JsonNode now = current.get(entry.getKey());
                if (!modified.has(entry.getKey()) && now != null && !now.isNull()) {
                    patch.putNull(entry.getKey());
                }
            });
        }
        if (retainKeys && (!patch.isEmpty() || hasFieldsBeyond(current, modified))) {
            ArrayNode keys = patch.putArray(Directives.RETAIN_KEYS);
            TreeSet<String> names = new TreeSet<>();
            modified.properties().forEach(entry -> {
                if (!entry.getValue().isNull()) {
                    names.add(entry.getKey());
                }
            });
            names.forEach(keys::add);
        }
        return patch;
    }

    private static void diffObjectField(ObjectNode patch, String name, JsonNode original, ObjectNode value,
            ObjectNode now, FieldSchema field) {
        if (field.replaces()) {
            if (!JsonValues.equal(value, now)) {
                patch.set(name, value.deepCopy());
            }
            return;
        }
        ObjectNode sub = diffObjects(original instanceof ObjectNode o ? o : null, value, now, field.type(),
                field.retainsKeys());
        if (!sub.isEmpty()) {
            patch.set(name, sub);
        }
    }

    private static void diffMergedList(ObjectNode patch, String name, JsonNode original, ArrayNode modified,
            ArrayNode current, FieldSchema field) {
        ArrayNode originalList = original instanceof ArrayNode a ? a : null;
        boolean objects = JsonLists.holdsObjects(modified) || JsonLists.holdsObjects(current);
        if (objects && !allHaveKey(modified, field.patchMergeKey())) {
            if (!JsonValues.equal(modified, current)) {
                patch.set(name, modified.deepCopy());
            }
            return;
        }
        String mergeKey = objects ? field.patchMergeKey() : "";
        ArrayNode items = objects
                ? diffObjectItems(originalList, modified, current, field)
                : diffScalarItems(patch, name, originalList, modified, current);
        if (!items.isEmpty()) {
            patch.set(name, items);
        }
        boolean deletions = patch.has(Directives.DELETE_FROM_PRIMITIVE_LIST + name);
        if (!items.isEmpty() || deletions || !sameOrder(modified, current, mergeKey)) {
            ArrayNode order = patch.putArray(Directives.SET_ELEMENT_ORDER + name);
            modified.forEach(item -> order.add(objects
                    ? JsonNodeFactory.instance.objectNode().set(mergeKey, item.get(mergeKey).deepCopy())
                    : item.deepCopy()));
        }
    }

    private static ArrayNode diffObjectItems(ArrayNode original, ArrayNode modified, ArrayNode current,
            FieldSchema field) {
        String mergeKey = field.patchMergeKey();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : modified) {
            JsonNode key = item.get(mergeKey);
            int now = key == null ? -1 : JsonLists.indexOfKey(current, mergeKey, key);
            if (now < 0) {
                items.add(item.deepCopy());
                continue;
            }
            int before = original == null ? -1 : JsonLists.indexOfKey(original, mergeKey, key);
            ObjectNode sub = diffObjects(before < 0 ? null : (ObjectNode) original.get(before), (ObjectNode) item,
                    (ObjectNode) current.get(now), field.type(), field.retainsKeys());
            if (!sub.isEmpty()) {
                ObjectNode withKey = JsonNodeFactory.instance.objectNode().set(mergeKey, key.deepCopy());
                items.add(withKey.setAll(sub));
            }
        }
        if (original != null) {
            for (JsonNode item : original) {
                JsonNode key = item.get(mergeKey);
                if (key != null && JsonLists.indexOfKey(modified, mergeKey, key) < 0
                        && JsonLists.indexOfKey(current, mergeKey, key) >= 0) {
                    items.add(JsonNodeFactory.instance.objectNode().<ObjectNode>set(mergeKey, key.deepCopy())
                            .put(Directives.PATCH, Directives.DELETE));
                }
            }
        }
        return items;
    }

    private static ArrayNode diffScalarItems(ObjectNode patch, String name, ArrayNode original, ArrayNode modified,
            ArrayNode current) {
        ArrayNode additions = JsonNodeFactory.instance.arrayNode();
        modified.forEach(item -> {
            if (!JsonLists.containsValue(current, item)) {
                additions.add(item.deepCopy());
            }
        });
        if (original != null) {
            ArrayNode deletions = JsonNodeFactory.instance.arrayNode();
            original.forEach(item -> {
                if (!JsonLists.containsValue(modified, item) && JsonLists.containsValue(current, item)) {
                    deletions.add(item.deepCopy());
                }
            });
            if (!deletions.isEmpty()) {
                patch.set(Directives.DELETE_FROM_PRIMITIVE_LIST + name, deletions);
            }
        }
        return additions;
    }

    /** Whether the items of {@code modified} already stand in {@code current} in the same relative order. */
    private static boolean sameOrder(ArrayNode modified, ArrayNode current, String mergeKey) {
        List<Integer> positions = new ArrayList<>();
        for (JsonNode item : modified) {
            positions.add(JsonLists.indexOf(current, item, mergeKey));
        }
        for (int i = 1; i < positions.size(); i++) {
            if (positions.get(i) < positions.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allHaveKey(ArrayNode items, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return false;
        }
        for (JsonNode item : items) {
            if (!item.isObject() || !item.has(mergeKey)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasFieldsBeyond(ObjectNode current, ObjectNode modified) {
        for (Map.Entry<String, JsonNode> entry : current.properties()) {
            if (!entry.getValue().isNull() && !modified.has(entry.getKey())) {
                return true;
            }
        }
        return false;
    }
}
