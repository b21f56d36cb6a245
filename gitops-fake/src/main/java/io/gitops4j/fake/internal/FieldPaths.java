package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.diff.fields.PathElement;
import io.gitops4j.kube.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Field paths of managed-field sets ({@link FieldSet}) applied to objects: the value at a path,
 * the members whose values differ between two states of an object, sets built from paths, and
 * paths printed as the API server prints them in conflicts.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    /** The value at a path, or a missing node. */
    static JsonNode valueAt(JsonNode object, List<PathElement> path) {
        JsonNode node = object;
        for (PathElement element : path) {
            node = step(node, element);
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    /**
     * The members of {@code candidates} that {@code after} sets differently from {@code before}:
     * a leaf whose value changed, or a member with members below it (a list item, a map) that
     * {@code before} does not have at all.
     */
    static FieldSet changed(FieldSet candidates, JsonNode before, JsonNode after) {
        List<List<PathElement>> changed = new ArrayList<>();
        collectChanged(candidates, before, after, new ArrayList<>(), changed);
        return setOf(changed);
    }

    private static void collectChanged(FieldSet set, JsonNode before, JsonNode after, List<PathElement> prefix,
            List<List<PathElement>> changed) {
        for (PathElement element : set.childElements()) {
            FieldSet child = set.child(element);
            JsonNode beforeValue = step(before, element);
            JsonNode afterValue = step(after, element);
            prefix.add(element);
            boolean leaf = child.childElements().isEmpty();
            if (child.isMember() && (leaf ? !sameValue(beforeValue, afterValue) : beforeValue.isMissingNode())) {
                changed.add(List.copyOf(prefix));
            }
            if (!leaf) {
                collectChanged(child, beforeValue, afterValue, prefix, changed);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    /** The set holding exactly these member paths. */
    static FieldSet setOf(List<List<PathElement>> paths) {
        ObjectNode fieldsV1 = Json.object();
        List<ObjectNode> members = new ArrayList<>();
        for (List<PathElement> path : paths) {
            ObjectNode node = fieldsV1;
            for (PathElement element : path) {
                JsonNode next = node.get(element.toString());
                node = next instanceof ObjectNode existing ? existing : node.putObject(element.toString());
            }
            members.add(node);
        }
        for (ObjectNode member : members) {
            if (!member.isEmpty() && !member.has(".")) {
                member.putObject(".");
            }
        }
        return FieldSet.fromFieldsV1(fieldsV1);
    }

    /** A path as the API server prints it: {@code .spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]}. */
    static String describe(List<PathElement> path) {
        StringBuilder text = new StringBuilder();
        for (PathElement element : path) {
            switch (element.kind()) {
                case FIELD -> text.append('.').append(element.fieldName());
                case KEY -> {
                    List<String> keys = new ArrayList<>();
                    element.json().properties().forEach(e -> keys.add(e.getKey() + "=" + Json.write(e.getValue())));
                    text.append('[').append(String.join(",", keys)).append(']');
                }
                case VALUE -> text.append("[=").append(Json.write(element.json())).append(']');
                case INDEX -> text.append('[').append(element.index()).append(']');
            }
        }
        return text.toString();
    }

    /** Whether two values are the same, numbers compared by value. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                : x.equals(y) ? 0 : 1, b);
    }

    private static JsonNode step(JsonNode node, PathElement element) {
        switch (element.kind()) {
            case FIELD -> {
                return node.isObject() ? node.path(element.fieldName()) : MissingNode.getInstance();
            }
            case INDEX -> {
                return node.isArray() ? node.path(element.index()) : MissingNode.getInstance();
            }
            case KEY -> {
                JsonNode keys = element.json();
                for (JsonNode item : node.isArray() ? node : MissingNode.getInstance()) {
                    if (matchesKeys(item, keys)) {
                        return item;
                    }
                }
                return MissingNode.getInstance();
            }
            case VALUE -> {
                JsonNode value = element.json();
                for (JsonNode item : node.isArray() ? node : MissingNode.getInstance()) {
                    if (sameValue(item, value)) {
                        return item;
                    }
                }
                return MissingNode.getInstance();
            }
            default -> throw new IllegalStateException("unknown path element " + element);
        }
    }

    /** Whether an item has the key values of a path element; a key field the item leaves out matches any value. */
    private static boolean matchesKeys(JsonNode item, JsonNode keys) {
        for (Map.Entry<String, JsonNode> key : keys.properties()) {
            JsonNode value = item.path(key.getKey());
            if (!value.isMissingNode() && !sameValue(value, key.getValue())) {
                return false;
            }
        }
        return true;
    }
}
