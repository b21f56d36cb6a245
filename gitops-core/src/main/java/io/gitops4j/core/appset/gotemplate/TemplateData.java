package io.gitops4j.core.appset.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON trees and template values the way Go's {@code encoding/json} decodes into
 * {@code interface{}}: objects become maps, arrays lists, every number a float64 ({@link Double}).
 */
public final class TemplateData {

    private TemplateData() {
    }

    /**
     * The template value of a JSON node.
     *
     * @param node a JSON node
     * @return a String, a Double for every number (as Go's JSON decoding makes float64), a Boolean, a
     *     List, a Map or {@code null}
     */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(fromJson(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /**
     * The value as Go's {@code json.Marshal} writes it: compact, map keys sorted at every level,
     * {@code <>&} escaped.
     *
     * @param value a template value
     * @return the JSON text
     */
    public static String goJson(Object value) {
        try {
            return GoText.json(value, true, "");
        } catch (FunctionException e) {
            throw new TemplateException(e.getMessage());
        }
    }

    /**
     * The JSON node of a template value; floats without a fraction become integers, as JSON writes them.
     *
     * @param value a template value
     * @return the JSON node
     */
    public static JsonNode toJson(Object value) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (value == null || value == Values.NO_VALUE) {
            return factory.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = factory.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = factory.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? factory.numberNode(d.longValue()) : factory.numberNode(d);
        }
        if (value instanceof Long l) {
            return factory.numberNode(l);
        }
        if (value instanceof Boolean b) {
            return factory.booleanNode(b);
        }
        return factory.textNode(String.valueOf(value));
    }
}
