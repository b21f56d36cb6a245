package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.diff.schema.ValueFormat;
import io.gitops4j.kube.Quantity;
import java.util.Map;

/** Rewrites every quantity field of an object in the API server's canonical form, in place. */
final class Quantities {

    private Quantities() {
    }

    static void canonicalize(ObjectNode object, ObjectType type) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            FieldSchema field = type.field(entry.getKey());
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                canonicalize((ObjectNode) value, field.type());
            } else if (value.isArray()) {
                ArrayNode items = (ArrayNode) value;
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof ObjectNode item) {
                        canonicalize(item, field.type());
                    }
                }
            } else if (field.format() == ValueFormat.QUANTITY && (value.isTextual() || value.isNumber())) {
                Quantity.canonical(value.asText()).ifPresent(canonical -> entry.setValue(object.textNode(canonical)));
            }
        }
    }
}
