package io.gitops4j.core.appset.gotemplate;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sprig's conversions: JSON and YAML ({@code toJson toRawJson toPrettyJson fromJson mustFromJson
 * toYaml fromYaml fromYamlArray}), encodings and digests ({@code b64enc b64dec sha1sum sha256sum})
 * and integer arithmetic ({@code int int64 atoi add add1 sub mul div mod max min}).
 */
final class SprigConversions {

    private SprigConversions() {
    }

    static void register(Map<String, TemplateFunction> f) {
        encodings(f);
        numbers(f);
    }

    private static void encodings(Map<String, TemplateFunction> f) {
        f.put("toJson", args -> {
            Args.count("toJson", args, 1);
            return quietly(() -> GoText.json(Args.any(args.get(0)), true, ""));
        });
        f.put("toRawJson", args -> {
            Args.count("toRawJson", args, 1);
            return quietly(() -> GoText.json(Args.any(args.get(0)), false, ""));
        });
        f.put("toPrettyJson", args -> {
            Args.count("toPrettyJson", args, 1);
            return quietly(() -> GoText.json(Args.any(args.get(0)), true, "  "));
        });
        f.put("toYaml", args -> {
            Args.count("toYaml", args, 1);
            Object value = Args.any(args.get(0));
            if (value == null) {
                return "null";
            }
            JsonNode node = TemplateData.toJson(value);
            return node.isContainerNode() ? Yaml.write(sortedKeys(node)).stripTrailing()
                    : Yaml.write(node).stripTrailing();
        });
        f.put("fromYaml", args -> {
            Args.count("fromYaml", args, 1);
            Object value = readYaml(Args.string(args.get(0)));
            if (value == null) {
                return new LinkedHashMap<String, Object>();
            }
            if (!(value instanceof Map)) {
                throw FunctionException.call("error unmarshaling JSON: cannot unmarshal " + Values.typeName(value)
                        + " into Go value of type map[string]interface {}");
            }
            return value;
        });
        f.put("fromYamlArray", args -> {
            Args.count("fromYamlArray", args, 1);
            Object value = readYaml(Args.string(args.get(0)));
            if (value == null) {
                return new ArrayList<>();
            }
            if (!(value instanceof List)) {
                throw FunctionException.call("error unmarshaling JSON: cannot unmarshal " + Values.typeName(value)
                        + " into Go value of type []interface {}");
            }
            return value;
        });
        f.put("fromJson", args -> {
            Args.count("fromJson", args, 1);
            try {
                return TemplateData.fromJson(io.gitops4j.kube.Json.mapper().readTree(Args.string(args.get(0))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("Error", e.getOriginalMessage());
                return error;
            }
        });
        f.put("mustFromJson", args -> {
            Args.count("mustFromJson", args, 1);
            try {
                return TemplateData.fromJson(io.gitops4j.kube.Json.mapper().readTree(Args.string(args.get(0))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw FunctionException.call("invalid character in JSON: " + e.getOriginalMessage());
            }
        });
        f.put("b64enc", SprigFunctions.unary("b64enc", s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
        f.put("b64dec", SprigFunctions.unary("b64dec", s -> {
            try {
                return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }));
        f.put("sha256sum", SprigFunctions.unary("sha256sum", s -> digest("SHA-256", s)));
        f.put("sha1sum", SprigFunctions.unary("sha1sum", s -> digest("SHA-1", s)));
    }

    private static void numbers(Map<String, TemplateFunction> f) {
        f.put("int", args -> {
            Args.count("int", args, 1);
            return Args.toInt64(Args.any(args.get(0)));
        });
        f.put("int64", args -> {
            Args.count("int64", args, 1);
            return Args.toInt64(Args.any(args.get(0)));
        });
        f.put("atoi", args -> {
            Args.count("atoi", args, 1);
            try {
                return Long.parseLong(Args.string(args.get(0)));
            } catch (NumberFormatException e) {
                return 0L;
            }
        });
        f.put("add", args -> args.stream().mapToLong(a -> Args.toInt64(Args.any(a))).sum());
        f.put("add1", args -> {
            Args.count("add1", args, 1);
            return Args.toInt64(Args.any(args.get(0))) + 1;
        });
        f.put("mul", args -> args.stream().mapToLong(a -> Args.toInt64(Args.any(a))).reduce(1, (a, b) -> a * b));
        f.put("sub", args -> {
            Args.count("sub", args, 2);
            return Args.toInt64(Args.any(args.get(0))) - Args.toInt64(Args.any(args.get(1)));
        });
        f.put("div", args -> {
            Args.count("div", args, 2);
            long divisor = Args.toInt64(Args.any(args.get(1)));
            if (divisor == 0) {
                throw FunctionException.call("runtime error: integer divide by zero");
            }
            return Args.toInt64(Args.any(args.get(0))) / divisor;
        });
        f.put("mod", args -> {
            Args.count("mod", args, 2);
            long divisor = Args.toInt64(Args.any(args.get(1)));
            if (divisor == 0) {
                throw FunctionException.call("runtime error: integer divide by zero");
            }
            return Args.toInt64(Args.any(args.get(0))) % divisor;
        });
        f.put("max", args -> args.stream().mapToLong(a -> Args.toInt64(Args.any(a))).max().orElse(0));
        f.put("min", args -> args.stream().mapToLong(a -> Args.toInt64(Args.any(a))).min().orElse(0));
    }

    private static String quietly(java.util.function.Supplier<String> json) {
        try {
            return json.get();
        } catch (FunctionException e) {
            return "";
        }
    }

    private static Object readYaml(String text) {
        try {
            return TemplateData.fromJson(Yaml.readValue(text, "fromYaml"));
        } catch (GitOpsException e) {
            throw FunctionException.call("error unmarshaling YAML: " + e.getMessage());
        }
    }

    private static JsonNode sortedKeys(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode sorted = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> sorted.set(k, sortedKeys(v)));
            return sorted;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(sortedKeys(item)));
            return array;
        }
        return node;
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static String digest(String algorithm, String s) {
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (byte b : hash) {
                out.append(String.format("%02x", b));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw FunctionException.call(algorithm + " is not available: " + e.getMessage());
        }
    }
}
