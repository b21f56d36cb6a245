package io.gitops4j.diff.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.internal.JsonLists;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.ObjectType;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the desired object spell what it shares with the live object the way the live object
 * does, so that a diff shows changes and not spellings: an equivalent quantity ({@code 1000m}
 * for {@code 1}) or int-or-string takes the live spelling, and an empty or null field the live
 * object does not have is dropped. Values that differ are left alone.
 */
public final class SpellingAlignment {

    private SpellingAlignment() {
    }

    /**
     * Aligns {@code desired} (modified in place) with {@code live}.
     *
     * @param desired the desired object, changed in place
     * @param live the live object
     * @param type their schema type
     */
    public static void align(ObjectNode desired, JsonNode live, ObjectType type) {
        List<String> names = new ArrayList<>();
        desired.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode value = desired.get(name);
            JsonNode current = live.get(name);
            if (Equivalence.isEmpty(value) && Equivalence.isEmpty(current)) {
                desired.remove(name);
            } else if (current != null) {
                alignValue(desired, name, value, current, type.field(name));
            }
        }
    }

    private static void alignValue(ObjectNode parent, String name, JsonNode value, JsonNode current, FieldSchema field) {
        if (value.isObject() && current.isObject()) {
            align((ObjectNode) value, current, field.type());
        } else if (value.isArray() && current.isArray()) {
            alignList((ArrayNode) value, (ArrayNode) current, field);
        } else if (!value.isContainerNode() && !current.isContainerNode() && !JsonValues.equal(value, current)
                && Equivalence.scalars(value, current, field.format())) {
            parent.set(name, current.deepCopy());
        }
    }

    private static void alignList(ArrayNode desired, ArrayNode live, FieldSchema field) {
        String mergeKey = field.patchMergeKey();
        for (int i = 0; i < desired.size(); i++) {
            JsonNode item = desired.get(i);
            JsonNode counterpart = counterpart(item, i, live, field, mergeKey);
            if (counterpart == null) {
                continue;
            }
            if (item.isObject() && counterpart.isObject()) {
                align((ObjectNode) item, counterpart, field.type());
            } else if (!item.isContainerNode() && !JsonValues.equal(item, counterpart)
                    && Equivalence.scalars(item, counterpart, field.format())) {
                desired.set(i, counterpart.deepCopy());
            }
        }
    }

    private static JsonNode counterpart(JsonNode item, int index, ArrayNode live, FieldSchema field, String mergeKey) {
        if (field.mergesList() && !mergeKey.isEmpty() && item.has(mergeKey)) {
            return JsonLists.itemWithKey(live, mergeKey, item.get(mergeKey));
        }
        return index < live.size() ? live.get(index) : null;
    }
}
