package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code digest} Helm writes into {@code Chart.lock}: the SHA-256 of the JSON of the
 * dependencies {@code Chart.yaml} asks for and those the lock records, as Go's encoder writes the
 * pair (Helm's {@code resolver.HashReq}: fields in the order of Helm's {@code Dependency} type, empty
 * optional fields left out, {@code <}, {@code >} and {@code &} escaped). {@code helm dependency
 * build} refuses a lock whose digest differs ("out of sync"), and so do we.
 */
final class ChartLockDigest {

    private ChartLockDigest() {
    }

    /** {@code sha256:HEX} of the pair, as Helm computes it. */
    static String of(List<JsonNode> requested, List<JsonNode> locked) {
        StringBuilder json = new StringBuilder("[");
        list(json, requested);
        json.append(',');
        list(json, locked);
        json.append(']');
        return "sha256:" + ChartArchives.sha256(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void list(StringBuilder json, List<JsonNode> dependencies) {
        if (dependencies.isEmpty()) {
            json.append("null");
            return;
        }
        json.append('[');
        for (int i = 0; i < dependencies.size(); i++) {
            json.append(i == 0 ? "" : ",");
            dependency(json, dependencies.get(i));
        }
        json.append(']');
    }

    private static void dependency(StringBuilder json, JsonNode d) {
        json.append("{\"name\":");
        string(json, text(d, "name"));
        if (!text(d, "version").isEmpty()) {
            json.append(",\"version\":");
            string(json, text(d, "version"));
        }
        json.append(",\"repository\":");
        string(json, text(d, "repository"));
        if (!text(d, "condition").isEmpty()) {
            json.append(",\"condition\":");
            string(json, text(d, "condition"));
        }
        if (d.path("tags").isArray() && !d.path("tags").isEmpty()) {
            json.append(",\"tags\":");
            value(json, d.path("tags"));
        }
        if (d.path("enabled").asBoolean(false)) {
            json.append(",\"enabled\":true");
        }
        if (d.path("import-values").isArray() && !d.path("import-values").isEmpty()) {
            json.append(",\"import-values\":");
            value(json, d.path("import-values"));
        }
        if (!text(d, "alias").isEmpty()) {
            json.append(",\"alias\":");
            string(json, text(d, "alias"));
        }
        json.append('}');
    }

    private static String text(JsonNode d, String field) {
        JsonNode node = d.path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : "";
    }

    /** Any value as Go's encoder writes an {@code any}: object keys sorted. */
    private static void value(StringBuilder json, JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            json.append('{');
            for (int i = 0; i < names.size(); i++) {
                json.append(i == 0 ? "" : ",");
                string(json, names.get(i));
                json.append(':');
                value(json, node.get(names.get(i)));
            }
            json.append('}');
        } else if (node.isArray()) {
            json.append('[');
            Iterator<JsonNode> items = node.elements();
            for (int i = 0; items.hasNext(); i++) {
                json.append(i == 0 ? "" : ",");
                value(json, items.next());
            }
            json.append(']');
        } else if (node.isTextual()) {
            string(json, node.asText());
        } else if (node.isNull() || node.isMissingNode()) {
            json.append("null");
        } else {
            json.append(node.asText());
        }
    }

    /** A string as Go's {@code encoding/json} writes it (HTML-safe escaping). */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
