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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Sprig functions ApplicationSets use in practice, with Sprig's argument order and
 * forgiveness ({@code default}, {@code lower}, {@code replace}, {@code trunc}, {@code toJson},
 * {@code quote}, {@code list}, {@code dict}, ...), and Argo CD's additions {@code normalize},
 * {@code toYaml}, {@code fromYaml}, {@code fromYamlArray}. Functions that read the environment
 * or the network are absent, as in Argo CD; regular expressions are absent too (Java's engine
 * backtracks, so a hostile pattern could hang the controller).
 */
final class SprigFunctions {

    /** The longest string {@code repeat}, {@code indent} and {@code printf} padding may produce. */
    static final int MAX_STRING = 1 << 20;

    private SprigFunctions() {
    }

    static void register(Map<String, TemplateFunction> f) {
        strings(f);
        lists(f);
        encodings(f);
        numbers(f);
        f.put("default", args -> {
            Args.atLeast("default", args, 1);
            Object given = args.size() > 1 ? Args.any(args.get(1)) : null;
            return Values.isEmpty(given) ? Args.any(args.get(0)) : given;
        });
        f.put("empty", args -> {
            Args.count("empty", args, 1);
            return Values.isEmpty(args.get(0));
        });
        f.put("coalesce", args -> args.stream().map(Args::any).filter(v -> !Values.isEmpty(v)).findFirst().orElse(null));
        f.put("ternary", args -> {
            Args.count("ternary", args, 3);
            return Args.bool(args.get(2)) ? Args.any(args.get(0)) : Args.any(args.get(1));
        });
        f.put("fail", args -> {
            Args.count("fail", args, 1);
            throw FunctionException.call(Args.string(args.get(0)));
        });
    }

    private static void strings(Map<String, TemplateFunction> f) {
        f.put("lower", unary("lower", s -> s.toLowerCase(Locale.ROOT)));
        f.put("upper", unary("upper", s -> s.toUpperCase(Locale.ROOT)));
        f.put("title", unary("title", SprigFunctions::title));
        f.put("trim", unary("trim", String::strip));
        f.put("nospace", unary("nospace", s -> s.replaceAll("\\s", "")));
        f.put("normalize", unary("normalize", Names::sanitize));
        f.put("trimPrefix", binary("trimPrefix", (prefix, s) -> s.startsWith(prefix) ? s.substring(prefix.length()) : s));
        f.put("trimSuffix", binary("trimSuffix", (suffix, s) -> s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s));
        f.put("trimAll", binary("trimAll", SprigFunctions::trimAll));
        f.put("contains", args -> binaryTest("contains", args, (sub, s) -> s.contains(sub)));
        f.put("hasPrefix", args -> binaryTest("hasPrefix", args, (p, s) -> s.startsWith(p)));
        f.put("hasSuffix", args -> binaryTest("hasSuffix", args, (p, s) -> s.endsWith(p)));
        f.put("replace", args -> {
            Args.count("replace", args, 3);
            String old = Args.string(args.get(0));
            String replacement = Args.string(args.get(1));
            String source = Args.string(args.get(2));
            return bounded(old.isEmpty() ? goReplaceEmpty(source, replacement) : source.replace(old, replacement));
        });
        f.put("trunc", args -> {
            Args.count("trunc", args, 2);
            long c = Args.integer(args.get(0));
            String s = Args.string(args.get(1));
            if (c < 0 && s.length() + c > 0) {
                return s.substring((int) (s.length() + c));
            }
            return c >= 0 && s.length() > c ? s.substring(0, (int) c) : s;
        });
        f.put("substr", args -> {
            Args.count("substr", args, 3);
            long start = Args.integer(args.get(0));
            long end = Args.integer(args.get(1));
            String s = Args.string(args.get(2));
            if (start < 0) {
                return s.substring(0, (int) Math.min(Math.max(end, 0), s.length()));
            }
            if (end < 0 || end > s.length()) {
                return start > s.length() ? "" : s.substring((int) start);
            }
            return start > end ? "" : s.substring((int) start, (int) end);
        });
        f.put("repeat", args -> {
            Args.count("repeat", args, 2);
            long count = Args.integer(args.get(0));
            String s = Args.string(args.get(1));
            if (count < 0) {
                throw FunctionException.call("strings: negative Repeat count");
            }
            return bounded(count * s.length() > MAX_STRING ? null : s.repeat((int) count));
        });
        f.put("indent", args -> {
            Args.count("indent", args, 2);
            return indent(Args.integer(args.get(0)), Args.string(args.get(1)));
        });
        f.put("nindent", args -> {
            Args.count("nindent", args, 2);
            return "\n" + indent(Args.integer(args.get(0)), Args.string(args.get(1)));
        });
        f.put("quote", args -> join(args, GoText::quote));
        f.put("squote", args -> join(args, s -> "'" + s + "'"));
        f.put("cat", args -> join(args, s -> s));
        f.put("toString", args -> {
            Args.count("toString", args, 1);
            return Args.strval(args.get(0));
        });
    }

    private static void lists(Map<String, TemplateFunction> f) {
        f.put("list", args -> {
            List<Object> list = new ArrayList<>();
            args.forEach(a -> list.add(Args.any(a)));
            return list;
        });
        f.put("dict", args -> {
            Map<String, Object> dict = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i += 2) {
                dict.put(Args.strval(args.get(i)), i + 1 < args.size() ? Args.any(args.get(i + 1)) : "");
            }
            return dict;
        });
        f.put("get", args -> {
            Args.count("get", args, 2);
            Map<String, Object> map = Args.map(args.get(0));
            String key = Args.string(args.get(1));
            return map.containsKey(key) ? map.get(key) : "";
        });
        f.put("hasKey", args -> {
            Args.count("hasKey", args, 2);
            return Args.map(args.get(0)).containsKey(Args.string(args.get(1)));
        });
        f.put("keys", args -> {
            List<Object> keys = new ArrayList<>();
            args.forEach(a -> keys.addAll(Args.map(a).keySet()));
            return keys;
        });
        f.put("join", args -> {
            Args.count("join", args, 2);
            return String.join(Args.string(args.get(0)), Args.strings(Args.any(args.get(1))));
        });
        f.put("splitList", args -> {
            Args.count("splitList", args, 2);
            return new ArrayList<Object>(goSplit(Args.string(args.get(1)), Args.string(args.get(0))));
        });
        f.put("split", args -> {
            Args.count("split", args, 2);
            List<String> parts = goSplit(Args.string(args.get(1)), Args.string(args.get(0)));
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                map.put("_" + i, parts.get(i));
            }
            return map;
        });
        f.put("first", args -> {
            Args.count("first", args, 1);
            List<?> list = listOf("first", args.get(0));
            return list.isEmpty() ? null : list.get(0);
        });
        f.put("last", args -> {
            Args.count("last", args, 1);
            List<?> list = listOf("last", args.get(0));
            return list.isEmpty() ? null : list.get(list.size() - 1);
        });
        f.put("has", args -> {
            Args.count("has", args, 2);
            return listOf("has", args.get(1)).contains(Args.any(args.get(0)));
        });
        f.put("sortAlpha", args -> {
            Args.count("sortAlpha", args, 1);
            List<String> sorted = Args.strings(Args.any(args.get(0)));
            sorted.sort(null);
            return new ArrayList<Object>(sorted);
        });
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
        f.put("b64enc", unary("b64enc", s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))));
        f.put("b64dec", unary("b64dec", s -> {
            try {
                return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }));
        f.put("sha256sum", unary("sha256sum", s -> digest("SHA-256", s)));
        f.put("sha1sum", unary("sha1sum", s -> digest("SHA-1", s)));
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

    private interface StringOp {
        String apply(String s);
    }

    private interface StringPairOp {
        String apply(String a, String b);
    }

    private interface StringPairTest {
        boolean test(String a, String b);
    }

    private static TemplateFunction unary(String name, StringOp op) {
        return args -> {
            Args.count(name, args, 1);
            return op.apply(Args.string(args.get(0)));
        };
    }

    private static TemplateFunction binary(String name, StringPairOp op) {
        return args -> {
            Args.count(name, args, 2);
            return op.apply(Args.string(args.get(0)), Args.string(args.get(1)));
        };
    }

    private static Object binaryTest(String name, List<Object> args, StringPairTest test) {
        Args.count(name, args, 2);
        return test.test(Args.string(args.get(0)), Args.string(args.get(1)));
    }

    private static String join(List<Object> args, StringOp each) {
        List<String> out = new ArrayList<>();
        for (Object arg : args) {
            Object value = Args.any(arg);
            if (value != null) {
                out.add(each.apply(Args.strval(value)));
            }
        }
        return bounded(String.join(" ", out));
    }

    private static String indent(long spaces, String text) {
        if (spaces < 0 || spaces * (text.chars().filter(c -> c == '\n').count() + 1) + text.length() > MAX_STRING) {
            throw FunctionException.call("indent of " + spaces + " would exceed " + MAX_STRING + " characters");
        }
        String pad = " ".repeat((int) spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static String bounded(String s) {
        if (s == null || s.length() > MAX_STRING) {
            throw FunctionException.call("result longer than " + MAX_STRING + " characters");
        }
        return s;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            out.append(start ? Character.toTitleCase(c) : c);
            start = Character.isWhitespace(c);
        }
        return out.toString();
    }

    private static String trimAll(String cutset, String s) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's {@code strings.Replace} with an empty old string: the new string before every character and at the end. */
    private static String goReplaceEmpty(String s, String replacement) {
        StringBuilder out = new StringBuilder(replacement);
        s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(replacement));
        return out.toString();
    }

    /** Go's {@code strings.Split}: an empty separator splits into characters. */
    private static List<String> goSplit(String s, String separator) {
        List<String> parts = new ArrayList<>();
        if (separator.isEmpty()) {
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            return parts;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<?> listOf(String function, Object value) {
        Object v = Args.any(value);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list;
        }
        throw FunctionException.call("Cannot find " + function + " on type " + Values.typeName(v));
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
