package io.gitops4j.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * Node equality for {@link JsonNode#equals(Comparator, JsonNode)} that compares numbers by
 * value: {@code 2}, {@code 2L} and {@code 2.0} are equal whether they were parsed from YAML or
 * JSON, as they are to Kubernetes. Everything else compares with {@code equals}.
 */
final class NumericAwareComparator implements Comparator<JsonNode> {

    static final NumericAwareComparator INSTANCE = new NumericAwareComparator();

    @Override
    public int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    /** Deep equality with numbers compared by value. */
    static boolean deepEquals(JsonNode a, JsonNode b) {
        return a.equals(INSTANCE, b);
    }
}
