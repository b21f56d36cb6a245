package io.gitops4j.diff.fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step of a field path, in the four forms of Kubernetes' {@code fieldsV1}: a field name
 * ({@code f:spec}), the key fields of an item of a keyed list
 * ({@code k:{"containerPort":80,"protocol":"TCP"}}), the value of an item of a set
 * ({@code v:"finalizer.example.com"}) or the index of an item of any other list ({@code i:0}).
 * Elements order as Kubernetes orders them: field names, then keys, then values, then indexes.
 */
public final class PathElement implements Comparable<PathElement> {

    /** The four forms of a path element, in their sort order. */
    public enum Kind {
        /** A field of an object or an entry of a map: {@code f:<name>}. */
        FIELD,
        /** An item of a keyed list, by its key fields: {@code k:{...}}. */
        KEY,
        /** An item of a set, by its value: {@code v:<json>}. */
        VALUE,
        /** An item of a list by position: {@code i:<index>}. */
        INDEX
    }

    private final Kind kind;
    private final String text;
    private final int index;
    /** The parsed key fields or value, made on first use: most elements are only compared by text. */
    private volatile JsonNode json;

    private PathElement(Kind kind, String text, JsonNode json, int index) {
        this.kind = kind;
        this.text = text;
        this.json = json;
        this.index = index;
    }

    /**
     * A field of an object or an entry of a map: {@code f:<name>}.
     *
     * @param name the field name or map key
     * @return the element
     */
    public static PathElement field(String name) {
        return new PathElement(Kind.FIELD, name, null, -1);
    }

    /**
     * An item of a keyed list, by the values of its key fields: {@code k:{...}}.
     *
     * @param keyFields the key fields and their values, for example {@code containerPort} and
     *     {@code protocol}
     * @return the element
     */
    public static PathElement key(Map<String, JsonNode> keyFields) {
        StringBuilder text = new StringBuilder("{");
        new TreeMap<>(keyFields).forEach((name, value) -> {
            if (text.length() > 1) {
                text.append(',');
            }
            appendJson(text, TextNode.valueOf(name));
            text.append(':');
            appendJson(text, canonical(value));
        });
        return new PathElement(Kind.KEY, text.append('}').toString(), null, -1);
    }

    /**
     * An item of a set, by its value: {@code v:<json>}.
     *
     * @param value the item's value
     * @return the element
     */
    public static PathElement value(JsonNode value) {
        StringBuilder text = new StringBuilder();
        appendJson(text, canonical(value));
        return new PathElement(Kind.VALUE, text.toString(), null, -1);
    }

    /** Compact JSON of a value; plain strings and numbers are written without the mapper. */
    private static void appendJson(StringBuilder out, JsonNode value) {
        if (value.isTextual() && isPlain(value.asText())) {
            out.append('"').append(value.asText()).append('"');
        } else if (value.isIntegralNumber() || value.isBoolean()) {
            out.append(value.asText());
        } else {
            out.append(Json.write(value));
        }
    }

    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Integral numbers as longs, so that {@code 80} and {@code 80.0} name the same item. */
    private static JsonNode canonical(JsonNode value) {
        if (value.isNumber() && !value.isIntegralNumber() && value.canConvertToExactIntegral()) {
            return LongNode.valueOf(value.longValue());
        }
        return value.deepCopy();
    }

    /**
     * An item of a list by position: {@code i:<index>}.
     *
     * @param index the position, from 0
     * @return the element
     */
    public static PathElement index(int index) {
        return new PathElement(Kind.INDEX, Integer.toString(index), null, index);
    }

    /**
     * Parses the {@code fieldsV1} form ({@code f:name}, {@code k:{...}}, {@code v:...},
     * {@code i:N}).
     *
     *
     * @param text one key of a {@code fieldsV1} object
     * @return the element
     * @throws GitOpsException when the text is none of these
     */
    public static PathElement parse(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw invalid(text);
        }
        String rest = text.substring(2);
        try {
            return switch (text.charAt(0)) {
                case 'f' -> field(rest);
                case 'k' -> {
                    if (!rest.startsWith("{") || !rest.endsWith("}")) {
                        throw invalid(text);
                    }
                    yield isCanonical(rest) ? new PathElement(Kind.KEY, rest, null, -1) : keyOf(rest, text);
                }
                case 'v' -> isCanonical(rest) ? new PathElement(Kind.VALUE, rest, null, -1)
                        : value(Json.mapper().readTree(rest));
                case 'i' -> index(Integer.parseInt(rest));
                default -> throw invalid(text);
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            throw invalid(text);
        }
    }

    /**
     * Whether key or value text can be kept as written: without a dot (no decimal number to
     * canonicalize) and without escapes. Other text is parsed and written again.
     */
    private static boolean isCanonical(String json) {
        return json.indexOf('.') < 0 && json.indexOf('\\') < 0;
    }

    private static PathElement keyOf(String json, String text) throws JsonProcessingException {
        JsonNode fields = Json.mapper().readTree(json);
        if (!(fields instanceof ObjectNode object)) {
            throw invalid(text);
        }
        Map<String, JsonNode> keyFields = new TreeMap<>();
        object.properties().forEach(entry -> keyFields.put(entry.getKey(), entry.getValue()));
        return key(keyFields);
    }

    private static GitOpsException invalid(String text) {
        return new GitOpsException("invalid managed field path element '" + text
                + "': expected f:<name>, k:{<key fields>}, v:<value> or i:<index>");
    }

    /**
     * The form of this element.
     *
     * @return the form
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The field name of a {@link Kind#FIELD} element, else empty.
     *
     * @return the name
     */
    public String fieldName() {
        return kind == Kind.FIELD ? text : "";
    }

    /**
     * The key fields of a {@link Kind#KEY} element, the value of a {@link Kind#VALUE} element.
     *
     * @return a copy of the key fields or value; a missing node for the other forms
     */
    public JsonNode json() {
        return parsed().deepCopy();
    }

    private JsonNode parsed() {
        if (json == null) {
            try {
                json = kind == Kind.KEY || kind == Kind.VALUE ? Json.mapper().readTree(text) : Json.object();
            } catch (JsonProcessingException e) {
                throw invalid(toString());
            }
        }
        return json;
    }

    /**
     * The position of an {@link Kind#INDEX} element, else -1.
     *
     * @return the position
     */
    public int index() {
        return index;
    }

    /** Whether this element names {@code item}, an item of a keyed list. */
    boolean matchesKeyOf(JsonNode item) {
        Iterator<Map.Entry<String, JsonNode>> fields = parsed().properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!JsonValues.equal(item.get(field.getKey()), field.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(PathElement other) {
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        return kind == Kind.INDEX ? Integer.compare(index, other.index) : text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathElement element && compareTo(element) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + text.hashCode();
    }

    /** The {@code fieldsV1} form. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIELD -> "f:" + text;
            case KEY -> "k:" + text;
            case VALUE -> "v:" + text;
            case INDEX -> "i:" + index;
        };
    }
}
