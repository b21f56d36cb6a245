package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patches (RFC 7386) between two objects, as controller-runtime's {@code MergeFrom}
 * makes them: objects are patched field by field, a field gone is {@code null}, anything else
 * (arrays included) is replaced whole.
 */
final class MergePatch {

    private MergePatch() {
    }

    /** The patch that turns {@code from} into {@code to}; an empty object when they are equal. */
    static ObjectNode between(JsonNode from, JsonNode to) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        Iterator<String> names = from.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!to.has(name)) {
                patch.putNull(name);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = to.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode before = from.get(field.getKey());
            JsonNode after = field.getValue();
            if (before != null && before.isObject() && after.isObject()) {
                ObjectNode nested = between(before, after);
                if (!nested.isEmpty()) {
                    patch.set(field.getKey(), nested);
                }
            } else if (!after.equals(before)) {
                patch.set(field.getKey(), after.deepCopy());
            }
        }
        return patch;
    }

    /** {@code target} with the patch applied (modified in place when it is an object). */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                JsonNode current = result.path(field.getKey());
                result.set(field.getKey(), apply(current.isObject() ? current : JsonNodeFactory.instance.objectNode(),
                        field.getValue()));
            }
        }
        return result;
    }
}
