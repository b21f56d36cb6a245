package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of the fields of a YAML or JSON tree, the way Go's decoders fill a struct: a field
 * that is missing or {@code null} reads as its zero value (an empty string, list or map, or
 * nothing for a flag), a field of another shape is refused. The refusal names the field and the
 * value ({@code "namespace must be a string, not '1.10'; quote it"}); {@code problem} turns that
 * sentence into the caller's exception, adding where it happened (a file, a resource).
 *
 * <p>Each method takes the field's value ({@code parent.path(field)}, so a missing field is a
 * {@code MissingNode}) and the name to use in the message, which may be a path
 * ({@code generatorOptions.labels}).
 */
public final class YamlFields {

    private YamlFields() {
    }

    /**
     * Whether a value is absent: a Java {@code null}, a missing node or a YAML {@code null}.
     *
     * @param value a field's value, or {@code null}
     * @return whether it is absent
     */
    public static boolean isAbsent(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull();
    }

    /**
     * A string; empty when absent.
     *
     *
     * @param value the field's value
     * @param name the field's name, for the message
     * @param problem makes the exception from a message
     * @return the string
     * @throws RuntimeException from {@code problem} when the value is not a string (a number or
     *     boolean must be quoted, as {@code kubectl} demands)
     */
    public static String text(JsonNode value, String name, Function<String, ? extends RuntimeException> problem) {
        if (isAbsent(value)) {
            return "";
        }
        if (!value.isTextual()) {
            throw problem.apply(name + " must be a string, not '" + describe(value) + "'; quote it");
        }
        return value.asText();
    }

    /**
     * A scalar (string, number or boolean) as text; empty when absent.
     *
     *
     * @param value the field's value
     * @param name the field's name, for the message
     * @param problem makes the exception from a message
     * @return the text; {@code 1} for a number, {@code true} for a boolean
     * @throws RuntimeException from {@code problem} when the value is a list or mapping
     */
    public static String scalarText(JsonNode value, String name, Function<String, ? extends RuntimeException> problem) {
        if (isAbsent(value)) {
            return "";
        }
        if (!value.isValueNode()) {
            throw problem.apply(name + " must be a string");
        }
        return value.asText();
    }

    /**
     * A boolean; empty when absent.
     *
     *
     * @param value the field's value
     * @param name the field's name, for the message
     * @param problem makes the exception from a message
     * @return the boolean, or empty
     * @throws RuntimeException from {@code problem} when the value is not {@code true} or {@code false}
     */
    public static Optional<Boolean> bool(JsonNode value, String name,
            Function<String, ? extends RuntimeException> problem) {
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw problem.apply(name + " must be true or false, not '" + describe(value) + "'");
        }
        return Optional.of(value.asBoolean());
    }

    /**
     * The items of a list; empty when absent.
     *
     *
     * @param value the field's value
     * @param name the field's name, for the message
     * @param problem makes the exception from a message
     * @return the items
     * @throws RuntimeException from {@code problem} when the value is not a list
     */
    public static List<JsonNode> list(JsonNode value, String name,
            Function<String, ? extends RuntimeException> problem) {
        if (isAbsent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            throw problem.apply(name + " must be a list");
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /**
     * A list of strings, in order; empty when absent.
     *
     *
     * @param value the field's value
     * @param name the field's name, for the message
     * @param problem makes the exception from a message
     * @return the strings
     * @throws RuntimeException from {@code problem} when the value is not a list or an item is
     *     not a string
     */
    public static List<String> strings(JsonNode value, String name,
            Function<String, ? extends RuntimeException> problem) {
        List<String> strings = new ArrayList<>();
        for (JsonNode item : list(value, name, problem)) {
            if (!item.isTextual()) {
                throw problem.apply(name + " must be a list of strings; quote '" + describe(item) + "'");
            }
            strings.add(item.asText());
        }
        return strings;
    }

    /**
     * A mapping of strings, in its order; empty when absent. A {@code null} value reads as an
     * empty string.
     *
     *
     * @param value the field's value
     * @param name the field's name, for the message
     * @param problem makes the exception from a message
     * @return the mapping
     * @throws RuntimeException from {@code problem} when the value is not a mapping or one of its
     *     values is not a string
     */
    public static Map<String, String> stringMap(JsonNode value, String name,
            Function<String, ? extends RuntimeException> problem) {
        Map<String, String> map = new LinkedHashMap<>();
        if (isAbsent(value)) {
            return map;
        }
        if (!value.isObject()) {
            throw problem.apply(name + " must be a mapping of strings");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode item = entry.getValue();
            if (!item.isTextual() && !item.isNull()) {
                throw problem.apply(name + "." + entry.getKey() + " must be a string, not '" + describe(item)
                        + "'; quote it");
            }
            map.put(entry.getKey(), item.asText(""));
        }
        return map;
    }

    private static String describe(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
