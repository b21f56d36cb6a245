package io.gitops4j.diff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * Equality of JSON values as Kubernetes sees them: numbers by value ({@code 2}, {@code 2L} and
 * {@code 2.0} are equal whether they came from YAML or JSON), everything else structurally.
 * Internal: not part of the public API.
 */
public final class JsonValues {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()
                    ? Long.compare(a.longValue(), b.longValue())
                    : a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonValues() {
    }

    /** Deep equality with numbers compared by value; {@code null} equals only {@code null}. */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /** Whether two nodes are of different JSON kinds (object, array or scalar). */
    public static boolean differentKinds(JsonNode a, JsonNode b) {
        return a.isObject() != b.isObject() || a.isArray() != b.isArray();
    }
}
