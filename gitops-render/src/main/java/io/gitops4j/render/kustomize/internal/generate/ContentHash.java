package io.gitops4j.render.kustomize.internal.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content-hash suffix Kustomize appends to generated ConfigMap and Secret names: ten
 * characters of the SHA-256 of a canonical JSON encoding, with the characters that could spell
 * words replaced. Identical to Kustomize's, so names match {@code kubectl kustomize}.
 *
 * <p>The encoding is a JSON object with sorted keys and Go's HTML-safe escaping of
 * {@code <}, {@code >} and {@code &}: for a ConfigMap {@code kind}, an always-empty
 * {@code name} (Kustomize looks the name up under a path that never exists), {@code data} and,
 * when present, {@code binaryData}; for a Secret also {@code type}, and {@code stringData}
 * instead of {@code binaryData}.
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** The suffix for a ConfigMap or Secret object. */
    public static String of(ObjectNode object) {
        String kind = object.path("kind").asText();
        Map<String, Object> encoded = new TreeMap<>();
        encoded.put("kind", kind);
        encoded.put("name", "");
        encoded.put("data", mapOrEmptyString(object.get("data")));
        if (kind.equals("Secret")) {
            encoded.put("type", object.path("type").isValueNode() ? object.get("type").asText() : "");
            putIfMap(encoded, "stringData", object.get("stringData"));
        } else if (kind.equals("ConfigMap")) {
            putIfMap(encoded, "binaryData", object.get("binaryData"));
        } else {
            throw new IllegalArgumentException("only ConfigMaps and Secrets get a content hash, not " + kind);
        }
        return encode(sha256Hex(goJson(encoded)));
    }

    private static Object mapOrEmptyString(JsonNode node) {
        return node != null && (node.isObject() || node.isArray()) ? node : "";
    }

    private static void putIfMap(Map<String, Object> encoded, String key, JsonNode node) {
        if (node != null && node.isObject()) {
            encoded.put(key, node);
        }
    }

    private static String goJson(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            writeObject(new TreeMap<>(map), out);
        } else if (value instanceof ObjectNode object) {
            Map<String, Object> sorted = new TreeMap<>();
            object.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            writeObject(sorted, out);
        } else if (value instanceof JsonNode node && node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonNode node && node.isTextual()) {
            writeString(node.asText(), out);
        } else if (value instanceof JsonNode node) {
            out.append(Json.write(node));
        } else {
            writeString(String.valueOf(value), out);
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            writeString(String.valueOf(entry.getKey()), out);
            out.append(':');
            write(entry.getValue(), out);
        }
        out.append('}');
    }

    /** A JSON string as Go's encoding/json writes it (HTML characters and U+2028/9 escaped). */
    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String encode(String hex) {
        char[] chars = hex.substring(0, 10).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = switch (chars[i]) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> chars[i];
            };
        }
        return new String(chars);
    }
}
