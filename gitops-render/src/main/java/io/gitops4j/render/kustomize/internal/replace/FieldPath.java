package io.gitops4j.render.kustomize.internal.replace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.YamlFields;
import java.util.ArrayList;
import java.util.List;

/**
 * A dotted field path of replacements and vars: {@code spec.template.spec.containers.[name=app].image}.
 * Elements are field names, list indexes ({@code 0}), list item matchers
 * ({@code [name=app]}, dots inside brackets allowed) and {@code *} for every list item.
 */
public final class FieldPath {

    private final String text;
    private final List<String> elements;

    private FieldPath(String text, List<String> elements) {
        this.text = text;
        this.elements = elements;
    }

    /** A settable place the path leads to: a field of a mapping or an item of a list. */
    public record Slot(JsonNode container, String field, int index) {

        public JsonNode get() {
            return container instanceof ObjectNode map ? map.get(field) : ((ArrayNode) container).get(index);
        }

        public void set(JsonNode value) {
            if (container instanceof ObjectNode map) {
                map.set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }
    }

    public static FieldPath parse(String text) {
        List<String> elements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == '.' && depth == 0) {
                elements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        elements.add(current.toString());
        return new FieldPath(text, elements);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The value at the path, when it leads to exactly one existing place. */
    public JsonNode lookup(JsonNode root) {
        List<Slot> slots = find(root, false, null);
        return slots.isEmpty() ? null : slots.get(0).get();
    }

    /**
     * Every place the path leads to.
     *
     * @param create create missing mappings and list items along the way, and the last field
     * @param createAs the node kind a missing last field is created as (null: a mapping)
     */
    public List<Slot> find(JsonNode root, boolean create, JsonNode createAs) {
        List<Slot> results = new ArrayList<>();
        walk(root, 0, create, createAs, results);
        return results;
    }

    private void walk(JsonNode node, int i, boolean create, JsonNode createAs, List<Slot> results) {
        String element = elements.get(i);
        boolean last = i == elements.size() - 1;
        if (node instanceof ArrayNode list) {
            walkList(list, element, i, create, createAs, results);
            return;
        }
        if (!(node instanceof ObjectNode map)) {
            return;
        }
        if (element.startsWith("[") && element.endsWith("]")) {
            return;
        }
        JsonNode child = map.get(element);
        if (last) {
            if (child == null && create) {
                map.set(element, createAs == null ? map.objectNode() : createAs.deepCopy());
                child = map.get(element);
            }
            if (child != null) {
                results.add(new Slot(map, element, -1));
            }
            return;
        }
        if (YamlFields.isAbsent(child)) {
            if (!create) {
                return;
            }
            String next = elements.get(i + 1);
            child = next.startsWith("[") || next.matches("\\d+") || next.equals("*") ? map.putArray(element) : map.putObject(element);
        }
        walk(child, i + 1, create, createAs, results);
    }

    private void walkList(ArrayNode list, String element, int i, boolean create, JsonNode createAs, List<Slot> results) {
        boolean last = i == elements.size() - 1;
        List<Integer> indexes = new ArrayList<>();
        if (element.equals("*")) {
            for (int k = 0; k < list.size(); k++) {
                indexes.add(k);
            }
        } else if (element.matches("\\d+")) {
            int index = Integer.parseInt(element);
            if (index < list.size()) {
                indexes.add(index);
            }
        } else if (element.startsWith("[") && element.endsWith("]") && element.contains("=")) {
            String inner = element.substring(1, element.length() - 1);
            String key = inner.substring(0, inner.indexOf('='));
            String value = inner.substring(inner.indexOf('=') + 1);
            for (int k = 0; k < list.size(); k++) {
                if (list.get(k).path(key).asText(null) != null && list.get(k).path(key).asText().equals(value)) {
                    indexes.add(k);
                }
            }
            if (indexes.isEmpty() && create) {
                list.addObject().put(key, value);
                indexes.add(list.size() - 1);
            }
        } else {
            return;
        }
        for (int index : indexes) {
            if (last) {
                results.add(new Slot(list, null, index));
            } else {
                walk(list.get(index), i + 1, create, createAs, results);
            }
        }
    }
}
