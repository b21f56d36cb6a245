package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders every string of a JSON tree, and every object key, with one parameter set, as Argo CD
 * renders an Application template (keys too, so {@code annotation-{{key}}} works). A failure
 * names the field ({@code spec.source.path}, {@code metadata.labels[env]}).
 */
final class TreeRenderer {

    /** A string of the tree could not be rendered. */
    static final class FieldException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        FieldException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final StringRenderer strings;

    TreeRenderer(StringRenderer strings) {
        this.strings = strings;
    }

    /** A rendered copy of the node; {@code field} is the path of the node itself, for messages. */
    JsonNode render(JsonNode node, Map<String, Object> params, String field) {
        if (node.isTextual()) {
            return TextNode.valueOf(renderString(node.asText(), params, field));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                String child = child(field, entry.getKey());
                String key = renderString(entry.getKey(), params, child + " (key)");
                out.set(key, render(entry.getValue(), params, child));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(render(node.get(i), params, field + "[" + i + "]"));
            }
            return out;
        }
        return node.deepCopy();
    }

    String renderString(String text, Map<String, Object> params, String field) {
        try {
            return strings.render(text, params);
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, e.getMessage());
        }
    }

    private static boolean isIdentifier(String key) {
        if (key.isEmpty() || Character.isDigit(key.charAt(0))) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static String child(String parent, String key) {
        boolean plain = isIdentifier(key);
        if (parent.isEmpty()) {
            return plain ? key : "[" + key + "]";
        }
        return plain ? parent + "." + key : parent + "[" + key + "]";
    }
}
