package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Lua's {@code tonumber} over a field, which Argo CD's checks use where a controller has written
 * a number as a number or as text: a number, or text holding a decimal or {@code 0x} hexadecimal
 * number (blanks around it allowed); anything else reads as no number.
 */
final class LuaNumbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEXADECIMAL = Pattern.compile("[+-]?0[xX][0-9a-fA-F]{1,15}");

    private LuaNumbers() {
    }

    static OptionalDouble toNumber(JsonNode value) {
        if (value.isNumber()) {
            return OptionalDouble.of(value.asDouble());
        }
        if (!value.isTextual()) {
            return OptionalDouble.empty();
        }
        String text = value.asText().strip();
        if (DECIMAL.matcher(text).matches()) {
            return OptionalDouble.of(Double.parseDouble(text));
        }
        if (HEXADECIMAL.matcher(text).matches()) {
            boolean negative = text.startsWith("-");
            String digits = text.substring(text.indexOf('x') >= 0 ? text.indexOf('x') + 1 : text.indexOf('X') + 1);
            double number = Long.parseLong(digits, 16);
            return OptionalDouble.of(negative ? -number : number);
        }
        return OptionalDouble.empty();
    }
}
