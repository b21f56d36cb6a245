package io.gitops4j.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finding items in lists, by merge key (lists of objects) or by value (lists of scalars), with
 * numbers compared by value. Internal: not part of the public API.
 */
public final class JsonLists {

    private JsonLists() {
    }

    /** Whether a list holds at least one object. */
    public static boolean holdsObjects(JsonNode list) {
        for (JsonNode item : list) {
            if (item.isObject()) {
                return true;
            }
        }
        return false;
    }

    /** The index of the item whose {@code mergeKey} field equals {@code key}, or -1. */
    public static int indexOfKey(Iterable<JsonNode> items, String mergeKey, JsonNode key) {
        int index = 0;
        for (JsonNode item : items) {
            if (JsonValues.equal(item.get(mergeKey), key)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    /** The index of an item equal to {@code value}, or -1. */
    public static int indexOfValue(Iterable<JsonNode> items, JsonNode value) {
        int index = 0;
        for (JsonNode item : items) {
            if (JsonValues.equal(item, value)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    /** Where {@code item} is in {@code list}: by merge key when there is one, else by value. */
    public static int indexOf(Iterable<JsonNode> list, JsonNode item, String mergeKey) {
        return mergeKey.isEmpty() ? indexOfValue(list, item) : indexOfKey(list, mergeKey, item.get(mergeKey));
    }

    /** Whether an item equals {@code value}. */
    public static boolean containsValue(Iterable<JsonNode> items, JsonNode value) {
        return indexOfValue(items, value) >= 0;
    }

    /** Removes items equal to an earlier item, keeping the first. */
    public static void removeDuplicateValues(List<JsonNode> items) {
        List<JsonNode> distinct = new ArrayList<>();
        for (JsonNode item : items) {
            if (!containsValue(distinct, item)) {
                distinct.add(item);
            }
        }
        items.clear();
        items.addAll(distinct);
    }

    /** The item whose {@code mergeKey} field equals {@code key}, or {@code null}. */
    public static JsonNode itemWithKey(JsonNode list, String mergeKey, JsonNode key) {
        if (list == null || key == null || !list.isArray()) {
            return null;
        }
        int index = indexOfKey(list, mergeKey, key);
        return index < 0 ? null : list.get(index);
    }

    /** The first patch item (other than a {@code $patch} directive) that the order list does not name, if any. */
    public static Optional<JsonNode> requireInOrder(Iterable<JsonNode> patch, Iterable<JsonNode> order, String mergeKey,
            boolean objects) {
        for (JsonNode item : patch) {
            if (item.has("$patch")) {
                continue;
            }
            if (indexOf(order, item, objects ? mergeKey : "") < 0) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
