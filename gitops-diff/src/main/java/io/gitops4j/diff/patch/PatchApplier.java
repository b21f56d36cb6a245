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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a strategic merge patch to an object, the way the Kubernetes API server and
 * {@code kubectl patch --type strategic} do. Works in place on a private copy of the target.
 */
final class PatchApplier {

    private final String subject;
    private final boolean deleteRemovesField;

    /**
     * @param subject the object being patched, for error messages ({@code group/kind/namespace/name})
     * @param deleteRemovesField whether to apply as Kustomize does: {@code $patch: delete} in an
     *     object removes the field, and a list the target lacks may be a single item without
     *     the merge key; else as the API server and kubectl do ({@code $patch: delete} leaves an
     *     empty object, an item without its merge key is an error)
     */
    PatchApplier(String subject, boolean deleteRemovesField) {
        this.subject = subject;
        this.deleteRemovesField = deleteRemovesField;
    }

    /**
     * Merges {@code patch} into {@code target}, which is modified.
     *
     * @return the merged object; for {@code $patch: delete}, {@code null} when deletion removes
     *     the field, else an empty object
     */
    ObjectNode applyToObject(ObjectNode target, ObjectNode patch, ObjectType type, String path) {
        JsonNode directive = patch.get(Directives.PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case Directives.REPLACE -> {
                    ObjectNode withoutDirective = patch.deepCopy();
                    withoutDirective.remove(Directives.PATCH);
                    return applyToObject(JsonNodeFactory.instance.objectNode(), withoutDirective, type, path);
                }
                case Directives.DELETE -> {
                    return deleteRemovesField ? null : JsonNodeFactory.instance.objectNode();
                }
                case Directives.MERGE -> { }
                default -> throw error(path, "unknown $patch directive '" + directive.asText()
                        + "' (expected replace, delete or merge)");
            }
        }
        applyRetainKeys(target, patch.get(Directives.RETAIN_KEYS), path);
        Set<String> ordered = applyOrderedLists(target, patch, type, path);
        applyPrimitiveDeletions(target, patch, path);
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            if (name.startsWith("$") || ordered.contains(name)) {
                continue;
            }
            applyField(target, name, entry.getValue(), type.field(name), path + "/" + name);
        }
        return target;
    }

    private void applyField(ObjectNode target, String name, JsonNode value, FieldSchema field, String path) {
        if (value.isNull()) {
            target.remove(name);
            return;
        }
        JsonNode current = target.get(name);
        if (current == null || current.isNull() || JsonValues.differentKinds(current, value)) {
            JsonNode fresh = fresh(value, field, path);
            if (fresh == null) {
                target.remove(name);
            } else {
                target.set(name, fresh);
            }
        } else if (value.isObject()) {
            ObjectNode merged = field.replaces()
                    ? fresh((ObjectNode) value, field.type(), path)
                    : applyToObject((ObjectNode) current, (ObjectNode) value, field.type(), path);
            if (merged == null) {
                target.remove(name);
            } else {
                target.set(name, merged);
            }
        } else if (value.isArray() && field.mergesList()) {
            target.set(name, mergeList((ArrayNode) current, (ArrayNode) value, null, field, path));
        } else {
            target.set(name, value.deepCopy());
        }
    }

    /** The value a patch gives a field the target does not have: directives resolved, nulls dropped. */
    private JsonNode fresh(JsonNode value, FieldSchema field, String path) {
        if (value.isObject()) {
            return fresh((ObjectNode) value, field.type(), path);
        }
        if (value.isArray() && field.mergesList()) {
            return mergeList(null, (ArrayNode) value, null, field, path);
        }
        return value.deepCopy();
    }

    private ObjectNode fresh(ObjectNode value, ObjectType type, String path) {
        return applyToObject(JsonNodeFactory.instance.objectNode(), value, type, path);
    }

    private void applyRetainKeys(ObjectNode target, JsonNode retainKeys, String path) {
        if (retainKeys == null) {
            return;
        }
        if (!retainKeys.isArray()) {
            throw error(path, "$retainKeys must be a list of field names");
        }
        Set<String> keep = new HashSet<>();
        retainKeys.forEach(key -> keep.add(key.asText()));
        target.retain(keep);
    }

    /** Lists with a {@code $setElementOrder} directive: merged, then put in the given order. */
    private Set<String> applyOrderedLists(ObjectNode target, ObjectNode patch, ObjectType type, String path) {
        Set<String> ordered = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (!entry.getKey().startsWith(Directives.SET_ELEMENT_ORDER)) {
                continue;
            }
            String name = entry.getKey().substring(Directives.SET_ELEMENT_ORDER.length());
            if (!entry.getValue().isArray()) {
                throw error(path + "/" + entry.getKey(), "$setElementOrder must be a list");
            }
            JsonNode current = target.get(name);
            JsonNode patchList = patch.get(name);
            if (patchList != null && patchList.isNull()) {
                continue;
            }
            ArrayNode merged = mergeList(
                    current instanceof ArrayNode array ? array : JsonNodeFactory.instance.arrayNode(),
                    patchList instanceof ArrayNode array ? array : JsonNodeFactory.instance.arrayNode(),
                    (ArrayNode) entry.getValue(), type.field(name), path + "/" + name);
            target.set(name, merged);
            ordered.add(name);
        }
        return ordered;
    }

    private void applyPrimitiveDeletions(ObjectNode target, ObjectNode patch, String path) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (!entry.getKey().startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)) {
                continue;
            }
            String name = entry.getKey().substring(Directives.DELETE_FROM_PRIMITIVE_LIST.length());
            if (!entry.getValue().isArray()) {
                throw error(path + "/" + entry.getKey(), "$deleteFromPrimitiveList must be a list");
            }
            if (target.get(name) instanceof ArrayNode list) {
                ArrayNode kept = JsonNodeFactory.instance.arrayNode();
                list.forEach(item -> {
                    if (JsonLists.indexOfValue(entry.getValue(), item) < 0) {
                        kept.add(item);
                    }
                });
                target.set(name, kept);
            }
        }
    }

    /**
     * Merges a patch list into a list with the {@code merge} strategy: items by merge key (or
     * scalars by value), {@code $patch: delete|replace} items honoured, then ordered the way the
     * API server orders them (patch order, server-only items kept where they were).
     *
     * @param current the list the target has, or {@code null} when the target has none
     * @param order the {@code $setElementOrder} list, or {@code null} to order by the patch list
     */
    private ArrayNode mergeList(ArrayNode current, ArrayNode patch, ArrayNode order, FieldSchema field, String path) {
        boolean targetHasList = current != null;
        ArrayNode original = targetHasList ? current : JsonNodeFactory.instance.arrayNode();
        boolean objects = JsonLists.holdsObjects(original) || JsonLists.holdsObjects(patch);
        String mergeKey = field.patchMergeKey();
        if (objects && mergeKey.isEmpty()) {
            throw error(path, "cannot merge a list of objects without a merge key");
        }
        for (JsonNode item : patch) {
            if (item.isObject() && Directives.REPLACE.equals(item.path(Directives.PATCH).asText())) {
                ArrayNode rest = JsonNodeFactory.instance.arrayNode();
                patch.forEach(other -> {
                    if (!other.has(Directives.PATCH)) {
                        rest.add(other);
                    }
                });
                return mergeList(JsonNodeFactory.instance.arrayNode(), rest, order, field, path);
            }
        }
        List<JsonNode> merged = new ArrayList<>();
        original.forEach(merged::add);
        if (objects) {
            mergeObjectItems(merged, patch, field, mergeKey, path, targetHasList);
        } else {
            patch.forEach(item -> {
                if (!JsonLists.containsValue(merged, item)) {
                    merged.add(item);
                }
            });
            JsonLists.removeDuplicateValues(merged);
        }
        if (order == null && !targetHasList && deleteRemovesField) {
            ArrayNode inPatchOrder = JsonNodeFactory.instance.arrayNode(merged.size());
            merged.forEach(inPatchOrder::add);
            return inPatchOrder; // items may lack the merge key: keep them as the patch lists them
        }
        ArrayNode orderList = order != null ? order : patch;
        if (order != null) {
            JsonLists.requireInOrder(patch, order, mergeKey, objects).ifPresent(item ->
                    { throw error(path, "the item " + item + " is not in $setElementOrder"); });
        }
        return ElementOrder.arrange(merged, orderList, original, objects ? mergeKey : "");
    }

    private void mergeObjectItems(List<JsonNode> merged, ArrayNode patch, FieldSchema field, String mergeKey, String path,
            boolean targetHasList) {
        for (JsonNode item : patch) {
            if (!item.isObject()) {
                throw error(path, "expected an object in a list merged by '" + mergeKey + "', found " + item);
            }
            JsonNode key = item.get(mergeKey);
            if (key == null && deleteRemovesField && !targetHasList) {
                if (patch.size() > 1) {
                    // Kustomize keeps only the last item without the key and drops the others.
                    throw error(path, "the item " + item + " does not contain the merge key '" + mergeKey
                            + "' and the list has other items; Kustomize would keep only one of them: give every "
                            + "item its '" + mergeKey + "', or add the list with a single item");
                }
                merged.add(fresh((ObjectNode) item, field.type(), path)); // Kustomize takes a new list as it is
                continue;
            }
            if (key == null) {
                throw error(path, "the item " + item + " does not contain the merge key '" + mergeKey + "'");
            }
            String directive = item.path(Directives.PATCH).asText(Directives.MERGE);
            if (Directives.DELETE.equals(directive)) {
                merged.removeIf(existing -> JsonValues.equal(existing.get(mergeKey), key));
                continue;
            }
            int index = JsonLists.indexOfKey(merged, mergeKey, key);
            if (index >= 0) {
                merged.set(index, applyToObject((ObjectNode) merged.get(index), (ObjectNode) item, field.type(), path));
            } else {
                merged.add(fresh((ObjectNode) item, field.type(), path));
            }
        }
    }

    private PatchException error(String path, String problem) {
        return new PatchException("cannot apply the strategic merge patch to " + subject + " at "
                + (path.isEmpty() ? "/" : path) + ": " + problem);
    }
}
