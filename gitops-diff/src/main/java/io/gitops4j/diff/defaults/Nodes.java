package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.YamlFields;
import java.util.function.Consumer;

/** In-place helpers for setting defaults on Jackson trees. */
final class Nodes {

    private Nodes() {
    }

    /** The object at {@code field}, created when missing (or not an object). */
    static ObjectNode object(ObjectNode parent, String field) {
        JsonNode value = parent.get(field);
        return value instanceof ObjectNode object ? object : parent.putObject(field);
    }

    /** The object at a path of fields, or {@code null} when some step is missing. */
    static ObjectNode objectAt(JsonNode root, String... path) {
        JsonNode node = root;
        for (String field : path) {
            node = node.get(field);
            if (node == null) {
                return null;
            }
        }
        return node instanceof ObjectNode object ? object : null;
    }

    static boolean absent(ObjectNode node, String field) {
        return YamlFields.isAbsent(node.get(field));
    }

    static void putIfAbsent(ObjectNode node, String field, String value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void putIfAbsent(ObjectNode node, String field, int value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    static void putIfAbsent(ObjectNode node, String field, boolean value) {
        if (absent(node, field)) {
            node.put(field, value);
        }
    }

    /** Calls {@code action} with every object item of the list at {@code field}. */
    static void forEachItem(JsonNode parent, String field, Consumer<ObjectNode> action) {
        JsonNode list = parent == null ? null : parent.get(field);
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                if (item instanceof ObjectNode object) {
                    action.accept(object);
                }
            }
        }
    }

    /** Calls {@code action} with the object at {@code field} when there is one. */
    static void ifObject(JsonNode parent, String field, Consumer<ObjectNode> action) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value instanceof ObjectNode object) {
            action.accept(object);
        }
    }
}
