package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The values {@code --set-string name=value} parameters describe, as one values tree: names are
 * dotted paths ({@code \.} escapes a dot) with list indexes ({@code hosts[0].name}), and every
 * value stays a string.
 */
final class SetStringValues {

    private SetStringValues() {
    }

    static ObjectNode of(List<HelmParameter> parameters) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (HelmParameter parameter : parameters) {
            set(root, path(parameter.name()), parameter.value(), parameter.name());
        }
        return root;
    }

    private static void set(ObjectNode root, List<Object> path, String value, String name) {
        JsonNode current = root;
        for (int i = 0; i < path.size(); i++) {
            Object key = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? null : path.get(i + 1);
            if (key instanceof String field) {
                ObjectNode map = (ObjectNode) current;
                if (last) {
                    map.put(field, value);
                } else {
                    JsonNode child = map.get(field);
                    if (next instanceof Integer ? !(child instanceof ArrayNode) : !(child instanceof ObjectNode)) {
                        child = next instanceof Integer ? map.putArray(field) : map.putObject(field);
                    }
                    current = child;
                }
            } else {
                ArrayNode list = (ArrayNode) current;
                int index = (Integer) key;
                while (list.size() <= index) {
                    list.addNull();
                }
                if (last) {
                    list.set(index, JsonNodeFactory.instance.textNode(value));
                } else {
                    JsonNode child = list.get(index);
                    if (next instanceof Integer ? !(child instanceof ArrayNode) : !(child instanceof ObjectNode)) {
                        child = next instanceof Integer ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                        list.set(index, child);
                    }
                    current = child;
                }
            }
        }
    }

    /** {@code a.b\.c[1].d} as {@code ["a", "b.c", 1, "d"]}. */
    private static List<Object> path(String name) {
        List<Object> path = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                field.append(name.charAt(++i));
            } else if (c == '.') {
                flush(path, field);
            } else if (c == '[') {
                flush(path, field);
                int close = name.indexOf(']', i);
                if (close < 0) {
                    throw new HelmException("parameter '" + name + "': missing ']'");
                }
                try {
                    path.add(Integer.parseInt(name.substring(i + 1, close)));
                } catch (NumberFormatException e) {
                    throw new HelmException("parameter '" + name + "': list index must be a number", e);
                }
                i = close;
            } else {
                field.append(c);
            }
        }
        flush(path, field);
        if (path.isEmpty() || !(path.get(0) instanceof String)) {
            throw new HelmException("parameter '" + name + "' must start with a value name");
        }
        return path;
    }

    private static void flush(List<Object> path, StringBuilder field) {
        if (field.length() > 0) {
            path.add(field.toString());
            field.setLength(0);
        }
    }
}
