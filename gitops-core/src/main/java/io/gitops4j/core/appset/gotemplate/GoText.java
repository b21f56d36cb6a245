package io.gitops4j.core.appset.gotemplate;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Go's text encodings of values: {@code encoding/json} (for {@code toJson}) and {@code strconv.Quote} (for {@code quote}, {@code %q}). */
final class GoText {

    private GoText() {
    }

    /**
     * The value as {@code json.Marshal} writes it: keys sorted, {@code <>&} escaped unless
     * {@code escapeHtml} is false, floats without a fraction written as integers.
     *
     * @param indent the indentation per level, or empty for compact output
     */
    static String json(Object value, boolean escapeHtml, String indent) {
        StringBuilder out = new StringBuilder();
        json(value, escapeHtml, indent, "", out);
        return out.toString();
    }

    private static void json(Object value, boolean escapeHtml, String indent, String prefix, StringBuilder out) {
        if (value == null || value == Values.NO_VALUE) {
            out.append("null");
        } else if (value instanceof String s) {
            jsonString(s, escapeHtml, out);
        } else if (value instanceof Double d) {
            out.append(jsonFloat(d));
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            String inner = prefix + indent;
            boolean first = true;
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                newline(indent, inner, out);
                jsonString(String.valueOf(entry.getKey()), escapeHtml, out);
                out.append(indent.isEmpty() ? ":" : ": ");
                json(entry.getValue(), escapeHtml, indent, inner, out);
            }
            newline(indent, prefix, out);
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            String inner = prefix + indent;
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "" : ",");
                first = false;
                newline(indent, inner, out);
                json(item, escapeHtml, indent, inner, out);
            }
            newline(indent, prefix, out);
            out.append(']');
        } else {
            throw FunctionException.call("json: unsupported type: " + Values.typeName(value));
        }
    }

    private static void newline(String indent, String prefix, StringBuilder out) {
        if (!indent.isEmpty()) {
            out.append('\n').append(prefix);
        }
    }

    /** A float64 as {@code encoding/json} writes it. */
    static String jsonFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw FunctionException.call("json: unsupported value: " + Values.formatFloat(d));
        }
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            return Values.formatFloat(d).replaceFirst("e([+-])0(\\d)$", "e$1$2");
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static void jsonString(String s, boolean escapeHtml, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029'
                            || (escapeHtml && (c == '<' || c == '>' || c == '&'))) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code strconv.Quote}: double quotes, Go escapes for control characters, printable Unicode kept. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\u0007' -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u000b' -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL
                            || Character.getType(cp) == Character.FORMAT) {
                        out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
