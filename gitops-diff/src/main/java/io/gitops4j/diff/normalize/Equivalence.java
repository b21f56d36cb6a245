package io.gitops4j.diff.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.diff.schema.ValueFormat;
import io.gitops4j.kube.Quantity;
import io.gitops4j.kube.YamlFields;
import java.util.Iterator;
import java.util.Map;

/**
 * Equality of two objects as Kubernetes means them: an absent field, {@code null}, {@code {}}
 * (also with only empty fields inside) and {@code []} are alike; quantities compare by value ({@code 1000m} = {@code 1},
 * {@code 1Gi} = {@code 1024Mi}); an int-or-string field holding {@code 8080} equals one holding
 * {@code "8080"}; numbers compare by value. Everything else, list order included, must match.
 */
public final class Equivalence {

    private Equivalence() {
    }

    /**
     * Whether two objects of the given schema type are equivalent.
     *
     * @param a an object
     * @param b another object
     * @param type their schema type
     * @return whether they are equivalent
     */
    public static boolean equivalent(JsonNode a, JsonNode b, ObjectType type) {
        return objects(a, b, type);
    }

    private static boolean objects(JsonNode a, JsonNode b, ObjectType type) {
        if (!covers(a, b, type)) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = b.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!a.has(field.getKey()) && !isEmpty(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Every field of {@code a} is equivalent in {@code b}. */
    private static boolean covers(JsonNode a, JsonNode b, ObjectType type) {
        Iterator<Map.Entry<String, JsonNode>> fields = a.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!values(field.getValue(), b.get(field.getKey()), type.field(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether two values of a field are equivalent (lists item by item, in order). */
    static boolean values(JsonNode a, JsonNode b, FieldSchema field) {
        if (isEmpty(a) || isEmpty(b)) {
            return isEmpty(a) && isEmpty(b);
        }
        if (a.isObject() && b.isObject()) {
            return objects(a, b, field.type());
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                JsonNode left = a.get(i);
                JsonNode right = b.get(i);
                boolean same = left.isObject() && right.isObject()
                        ? objects(left, right, field.type())
                        : scalars(left, right, field.format());
                if (!same) {
                    return false;
                }
            }
            return true;
        }
        return scalars(a, b, field.format());
    }

    static boolean scalars(JsonNode a, JsonNode b, ValueFormat format) {
        if (JsonValues.equal(a, b)) {
            return true;
        }
        return switch (format) {
            case QUANTITY -> (a.isTextual() || a.isNumber()) && (b.isTextual() || b.isNumber())
                    && Quantity.equal(a.asText(), b.asText());
            case INT_OR_STRING -> a.isNumber() != b.isNumber() && a.asText().equals(b.asText());
            case NONE -> false;
        };
    }

    /** Absent, null, an empty list, or an object whose every field is empty ({@code {a: {}}}). */
    static boolean isEmpty(JsonNode node) {
        if (YamlFields.isAbsent(node)) {
            return true;
        }
        if (node.isArray()) {
            return node.isEmpty();
        }
        if (node.isObject()) {
            for (JsonNode child : node) {
                if (!isEmpty(child)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
