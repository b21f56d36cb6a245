package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** The template of a generator: its own {@code template} with the set's filling what it leaves empty (mergo.Merge). */
final class Templates {

    static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

    private Templates() {
    }

    static ObjectNode mergeGeneratorTemplate(JsonNode generatorTemplate, ObjectNode base) {
        if (!generatorTemplate.isObject() || generatorTemplate.isEmpty()) {
            return base;
        }
        return fill((ObjectNode) generatorTemplate.deepCopy(), base);
    }

    private static ObjectNode fill(ObjectNode target, JsonNode base) {
        Iterator<Map.Entry<String, JsonNode>> fields = base.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode own = target.get(field.getKey());
            if (own == null || isEmpty(own)) {
                target.set(field.getKey(), field.getValue().deepCopy());
            } else if (own.isObject() && field.getValue().isObject()) {
                fill((ObjectNode) own, field.getValue());
            }
        }
        return target;
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isTextual() && node.asText().isEmpty())
                || (node.isContainerNode() && node.isEmpty())
                || (node.isBoolean() && !node.booleanValue()) || (node.isNumber() && node.doubleValue() == 0);
    }
}
