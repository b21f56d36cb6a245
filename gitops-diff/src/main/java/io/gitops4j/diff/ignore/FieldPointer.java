package io.gitops4j.diff.ignore;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An RFC 6901 pointer whose target field is removed; a pointer to nothing removes nothing. */
final class FieldPointer {

    private final JsonPointer parent;
    private final String last;

    private FieldPointer(JsonPointer parent, String last) {
        this.parent = parent;
        this.last = last;
    }

    static FieldPointer parse(String text, IgnoreRule rule) {
        if (text.isEmpty()) {
            throw new IgnoreRuleException(rule.describe() + ": the JSON pointer \"\" would ignore the whole object;"
                    + " point at a field, such as /spec/replicas");
        }
        try {
            JsonPointer pointer = JsonPointer.compile(text);
            return new FieldPointer(pointer.head(), pointer.last().getMatchingProperty());
        } catch (IllegalArgumentException e) {
            throw new IgnoreRuleException(rule.describe() + ": invalid JSON pointer '" + text
                    + "' (RFC 6901: it starts with / and escapes ~ as ~0 and / as ~1): " + e.getMessage(), e);
        }
    }

    void removeFrom(ObjectNode object) {
        JsonNode container = object.at(parent);
        if (container instanceof ObjectNode parentObject) {
            parentObject.remove(last);
        } else if (container instanceof ArrayNode array && last.chars().allMatch(Character::isDigit) && !last.isEmpty()) {
            int index = Integer.parseInt(last);
            if (index < array.size()) {
                array.remove(index);
            }
        }
    }
}
