package io.gitops4j.diff.fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.GitOpsException;
import io.gitops4j.diff.Json;
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
    public enum Kind { FIELD, KEY, VALUE, INDEX }

    private final Kind kind;
    private final String text;
    private final JsonNode json;
    private final int index;

    private PathElement(Kind kind, String text, JsonNode json, int index) {
        this.kind = kind;
        this.text = text;
        this.json = json;
        this.index = index;
    }

    /** A field of an object or an entry of a map: {@code f:<name>}. */
    public static PathElement field(String name) {
        return new PathElement(Kind.FIELD, name, null, -1);
    }

    /** An item of a keyed list, by the values of its key fields: {@code k:{...}}. */
    public static PathElement key(Map<String, JsonNode> keyFields) {
        ObjectNode sorted = Json.object();
        new TreeMap<>(keyFields).forEach((name, value) -> sorted.set(name, canonical(value)));
        return new PathElement(Kind.KEY, Json.write(sorted), sorted, -1);
    }

    /** An item of a set, by its value: {@code v:<json>}. */
    public static PathElement value(JsonNode value) {
        JsonNode canonical = canonical(value);
        return new PathElement(Kind.VALUE, Json.write(canonical), canonical, -1);
    }

    /** Integral numbers as longs, so that {@code 80} and {@code 80.0} name the same item. */
    private static JsonNode canonical(JsonNode value) {
        if (value.isNumber() && !value.isIntegralNumber() && value.canConvertToExactIntegral()) {
            return LongNode.valueOf(value.longValue());
        }
        return value.deepCopy();
    }

    /** An item of a list by position: {@code i:<index>}. */
    public static PathElement index(int index) {
        return new PathElement(Kind.INDEX, Integer.toString(index), null, index);
    }

    /**
     * Parses the {@code fieldsV1} form ({@code f:name}, {@code k:{...}}, {@code v:...},
     * {@code i:N}).
     *
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
                    JsonNode fields = Json.mapper().readTree(rest);
                    if (!(fields instanceof ObjectNode object)) {
                        throw invalid(text);
                    }
                    Map<String, JsonNode> keyFields = new TreeMap<>();
                    object.properties().forEach(entry -> keyFields.put(entry.getKey(), entry.getValue()));
                    yield key(keyFields);
                }
                case 'v' -> value(Json.mapper().readTree(rest));
                case 'i' -> index(Integer.parseInt(rest));
                default -> throw invalid(text);
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static GitOpsException invalid(String text) {
        return new GitOpsException("invalid managed field path element '" + text
                + "': expected f:<name>, k:{<key fields>}, v:<value> or i:<index>");
    }

    public Kind kind() {
        return kind;
    }

    /** The field name of a {@link Kind#FIELD} element, else empty. */
    public String fieldName() {
        return kind == Kind.FIELD ? text : "";
    }

    /** The key fields of a {@link Kind#KEY} element, the value of a {@link Kind#VALUE} element. */
    public JsonNode json() {
        return json == null ? Json.object() : json.deepCopy();
    }

    /** The position of an {@link Kind#INDEX} element, else -1. */
    public int index() {
        return index;
    }

    /** Whether this element names {@code item}, an item of a keyed list. */
    boolean matchesKeyOf(JsonNode item) {
        Iterator<Map.Entry<String, JsonNode>> fields = json.properties().iterator();
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
