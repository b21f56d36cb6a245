package io.gitops4j.diff.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.ListType;
import io.gitops4j.diff.schema.ObjectType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Walks objects and field sets together, with the schema telling how list items are named. */
final class FieldSetWalker {

    private FieldSetWalker() {
    }

    /** The path element of the item at {@code index} of a list with the schema {@code list}. */
    static PathElement itemElement(JsonNode item, FieldSchema list, int index) {
        if (list.listType() == ListType.MAP && !list.listMapKeys().isEmpty() && item.isObject()) {
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            for (String key : list.listMapKeys()) {
                JsonNode value = item.get(key);
                if (value != null && !value.isNull()) {
                    keys.put(key, value);
                }
            }
            return PathElement.key(keys);
        }
        if (list.listType() == ListType.SET && !item.isContainerNode()) {
            return PathElement.value(item);
        }
        return PathElement.index(index);
    }

    static FieldSet fieldsOf(ObjectNode object, ObjectType type) {
        return objectFields(object, type, false);
    }

    private static FieldSet objectFields(ObjectNode object, ObjectType type, boolean member) {
        TreeMap<PathElement, FieldSet> children = new TreeMap<>();
        object.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            boolean entryMember = type.isMap() || value.isNull() || (value.isObject() && value.isEmpty());
            children.put(PathElement.field(entry.getKey()), valueFields(value, type.field(entry.getKey()), entryMember));
        });
        return new FieldSet(member, children);
    }

    private static FieldSet valueFields(JsonNode value, FieldSchema field, boolean member) {
        if (value.isObject()) {
            return field.type().isAtomic() ? leaf() : objectFields((ObjectNode) value, field.type(), member);
        }
        if (value.isArray()) {
            if (field.listType() == ListType.ATOMIC) {
                return leaf();
            }
            TreeMap<PathElement, FieldSet> items = new TreeMap<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                items.put(itemElement(item, field, i), item.isObject()
                        ? objectFields((ObjectNode) item, field.type(), true)
                        : leaf());
            }
            return new FieldSet(member, items);
        }
        return leaf();
    }

    private static FieldSet leaf() {
        return new FieldSet(true, Collections.emptySortedMap());
    }

    static ObjectNode extract(ObjectNode object, FieldSet set, ObjectType type) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        set.children().forEach((element, child) -> {
            JsonNode value = element.kind() == PathElement.Kind.FIELD ? object.get(element.fieldName()) : null;
            if (value != null) {
                out.set(element.fieldName(), extractValue(value, child, type.field(element.fieldName())));
            }
        });
        return out;
    }

    private static JsonNode extractValue(JsonNode value, FieldSet set, FieldSchema field) {
        if (set.children().isEmpty()) {
            return value.deepCopy();
        }
        if (value.isObject()) {
            return extract((ObjectNode) value, set, field.type());
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                FieldSet itemSet = set.children().get(itemElement(value.get(i), field, i));
                if (itemSet != null) {
                    JsonNode item = value.get(i);
                    out.add(item.isObject() && !itemSet.children().isEmpty()
                            ? extract((ObjectNode) item, itemSet, field.type())
                            : item.deepCopy());
                }
            }
            return out;
        }
        return value.deepCopy();
    }

    static ObjectNode remove(ObjectNode object, FieldSet set, ObjectType type) {
        ObjectNode out = object.deepCopy();
        removeFromObject(out, set, type);
        return out;
    }

    private static void removeFromObject(ObjectNode object, FieldSet set, ObjectType type) {
        set.children().forEach((element, child) -> {
            if (element.kind() != PathElement.Kind.FIELD) {
                return;
            }
            String name = element.fieldName();
            JsonNode value = object.get(name);
            if (value == null) {
                return;
            }
            if (child.isMember()) {
                object.remove(name);
            } else if (value.isObject()) {
                removeFromObject((ObjectNode) value, child, type.field(name).type());
            } else if (value.isArray()) {
                removeFromList((ArrayNode) value, child, type.field(name));
            }
        });
    }

    private static void removeFromList(ArrayNode list, FieldSet set, FieldSchema field) {
        for (int i = list.size() - 1; i >= 0; i--) {
            JsonNode item = list.get(i);
            FieldSet itemSet = set.children().get(itemElement(item, field, i));
            if (itemSet == null) {
                continue;
            }
            if (itemSet.isMember()) {
                list.remove(i);
            } else if (item.isObject()) {
                removeFromObject((ObjectNode) item, itemSet, field.type());
            }
        }
    }
}
