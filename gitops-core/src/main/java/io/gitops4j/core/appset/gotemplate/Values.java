package io.gitops4j.core.appset.gotemplate;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Template values as Go sees them after {@code encoding/json}: strings, {@link Double} (every JSON
 * number is a float64), {@link Long} (integer constants of the template), {@link Boolean},
 * {@code null} (a nil interface), {@link Map} with string keys, {@link List}, and
 * {@link #NO_VALUE} (Go's invalid value: a missing map key). Printing, truth and emptiness follow
 * {@code fmt} and {@code text/template}.
 */
public final class Values {

    /** A missing value (Go's invalid {@code reflect.Value}); prints {@code <no value>}. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private Values() {
    }

    /**
     * The value as {@code fmt.Sprint} prints it ({@code %v}).
     *
     * @param value a template value
     * @return the text Go prints
     */
    public static String print(Object value) {
        StringBuilder out = new StringBuilder();
        print(value, out);
        return out.toString();
    }

    private static void print(Object value, StringBuilder out) {
        if (value == NO_VALUE) {
            out.append("<no value>");
        } else if (value == null) {
            out.append("<nil>");
        } else if (value instanceof Double d) {
            out.append(formatFloat(d));
        } else if (value instanceof Map<?, ?> map) {
            out.append("map[");
            boolean first = true;
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                out.append(entry.getKey()).append(':');
                print(entry.getValue(), out);
            }
            out.append(']');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                print(item, out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    /** A float64 as {@code %v} prints it: shortest digits, exponent form below 1e-4 or from 1e6 (Go's {@code %g}). */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = decimal.unscaledValue().abs().toString();
            StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            out.append(abs < 10 ? "0" + abs : Integer.toString(abs));
            return out.toString();
        }
        return decimal.toPlainString();
    }

    /**
     * Go's truth: false, 0, nil, missing, and empty strings, maps and lists are false.
     *
     * @param value a template value
     * @return whether Go's {@code if} takes it as true
     */
    public static boolean isTrue(Object value) {
        return !isEmpty(value);
    }

    /**
     * Sprig's {@code empty}: the zero value of its type, or nil.
     *
     * @param value a template value
     * @return whether Sprig's {@code empty} is true for it
     */
    public static boolean isEmpty(Object value) {
        if (value == null || value == NO_VALUE) {
            return true;
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof Double d) {
            return d == 0;
        }
        if (value instanceof Long l) {
            return l == 0;
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty();
        }
        return false;
    }

    /**
     * The Go type name of a value, for error messages.
     *
     * @param value a template value
     * @return the Go type name, such as {@code string}, {@code int}, {@code float64} or {@code interface
     *     {}} for nil
     */
    public static String typeName(Object value) {
        if (value == null || value == NO_VALUE) {
            return "interface {}";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        if (value instanceof Collection<?>) {
            return "[]interface {}";
        }
        return value.getClass().getSimpleName();
    }
}
