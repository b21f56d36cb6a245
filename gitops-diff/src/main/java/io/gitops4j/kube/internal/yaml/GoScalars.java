package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scalars as the Go tools resolve them, then as they come out of their JSON step.
 *
 * <p>As go-yaml v2 through sigs.k8s.io/yaml (kubectl, Argo CD, Helm values, kustomization files):
 * {@code y}, {@code yes}, {@code on} and their negatives are booleans, and a mapping key that
 * resolves to a boolean or number becomes its string ({@code on:} is the key {@code "true"}). As
 * go-yaml v3 through kyaml (Kustomize's resources): only {@code true}/{@code false} are booleans,
 * dates are timestamps (written as RFC 3339, as Kustomize writes them), and a key that is not a
 * string is refused, as Kustomize refuses it. {@link Dialect#COMPATIBLE} takes v3's keys as written
 * and v2's booleans without the single letters.
 *
 * <p>Both read integers with Go's base prefixes and underscores; a float with an integral value
 * becomes an integer, as it does after the Go tools' round trip through JSON ({@code replicas: 3.0}
 * is {@code 3}); infinity and NaN are refused (JSON cannot hold them, and kubectl fails on them).
 */
final class GoScalars {

    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private static final Map<String, Boolean> YAML_11_BOOLEANS = booleans(
            "y Y yes Yes YES on On ON true True TRUE", "n N no No NO off Off OFF false False FALSE");
    private static final Map<String, Boolean> YAML_12_BOOLEANS = booleans("true True TRUE", "false False FALSE");
    private static final Map<String, Boolean> WORD_BOOLEANS = booleans(
            "yes Yes YES on On ON true True TRUE", "no No NO off Off OFF false False FALSE");
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> SPECIAL_FLOATS = Set.of(".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");

    private final Dialect dialect;
    private final Map<String, Boolean> booleans;

    GoScalars(Dialect dialect) {
        this.dialect = dialect;
        this.booleans = switch (dialect) {
            case GO_YAML_V2 -> YAML_11_BOOLEANS;
            case GO_YAML_V3 -> YAML_12_BOOLEANS;
            case COMPATIBLE -> WORD_BOOLEANS;
        };
    }

    /** Whether a key is the merge key {@code <<} (plain, or tagged {@code !!merge}). */
    static boolean isMerge(String text, String tag, boolean plain) {
        return "<<".equals(text) && (tag == null ? plain : tag.equals(TAG_PREFIX + "merge"));
    }

    /** The value of a scalar node. */
    JsonNode value(String text, String tag, boolean plain, int line) {
        Object resolved = resolve(text, tag, plain, line);
        if (resolved instanceof String string) {
            return TextNode.valueOf(string);
        }
        if (resolved == NullNode.instance) {
            return NullNode.instance;
        }
        if (resolved instanceof Boolean bool) {
            return BooleanNode.valueOf(bool);
        }
        if (resolved instanceof Long number) {
            return integer(number);
        }
        if (resolved instanceof BigInteger number) {
            return BigIntegerNode.valueOf(number);
        }
        double number = (Double) resolved;
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new YamlProblem(line, "'" + text + "' is " + (Double.isNaN(number) ? "NaN" : "infinity")
                    + ", which JSON (and so Kubernetes) cannot hold; quote it to keep it as a string");
        }
        return number == Math.rint(number) && number >= -0x1p63 && number < 0x1p63
                ? integer((long) number) : DoubleNode.valueOf(number);
    }

    /** The JSON field name of a scalar mapping key. */
    String key(String text, String tag, boolean plain, int line) {
        if (dialect == Dialect.COMPATIBLE) {
            return text;
        }
        Object resolved = resolve(text, tag, plain, line);
        if (resolved instanceof String string) {
            return string;
        }
        if (dialect == Dialect.GO_YAML_V3) {
            throw new YamlProblem(line, "the mapping key '" + text + "' is " + describe(resolved)
                    + ", not a string; Kustomize refuses such keys: quote it");
        }
        return keyOf(resolved, text, line);
    }

    /** The JSON field name of an aliased scalar used as a mapping key. */
    String key(JsonNode aliased, int line) {
        if (aliased.isTextual()) {
            return aliased.textValue();
        }
        if (dialect != Dialect.GO_YAML_V2 || !aliased.isValueNode()) {
            throw new YamlProblem(line, "a mapping key must be a string, not " + aliased.getNodeType()
                    .name().toLowerCase(Locale.ROOT) + " '" + aliased + "'");
        }
        Object value = aliased.isNull() ? NullNode.instance : aliased.isBoolean() ? (Object) aliased.booleanValue()
                : aliased.isBigInteger() ? aliased.bigIntegerValue()
                : aliased.isIntegralNumber() ? (Object) aliased.longValue() : (Object) aliased.doubleValue();
        return keyOf(value, aliased.asText(), line);
    }

    /** As sigs.k8s.io/yaml turns a non-string key into a JSON field name. */
    private static String keyOf(Object resolved, String text, int line) {
        if (resolved instanceof Boolean bool) {
            return bool.toString();
        }
        if (resolved instanceof Long number) {
            return number.toString();
        }
        if (resolved instanceof Double number) {
            return GoNumbers.floatKey(number);
        }
        throw new YamlProblem(line, "the mapping key '" + text + "' is " + describe(resolved)
                + ", which cannot be a JSON field name (kubectl refuses it too); quote it");
    }

    private Object resolve(String text, String tag, boolean plain, int line) {
        if (tag == null) {
            return plain ? implicit(text) : text;
        }
        if (tag.equals("!")) {
            return plain && dialect == Dialect.GO_YAML_V3 ? implicit(text) : text;
        }
        if (!tag.startsWith(TAG_PREFIX)) {
            return text;
        }
        String type = tag.substring(TAG_PREFIX.length());
        return switch (type) {
            case "int", "float", "bool", "null" -> explicit(text, type, line);
            case "timestamp" -> dialect != Dialect.GO_YAML_V3 ? text : GoTimestamps.rfc3339(text).orElseThrow(() -> new YamlProblem(line,
                    "cannot read '" + text + "' as a !!timestamp"));
            default -> text;
        };
    }

    private Object explicit(String text, String type, int line) {
        Object resolved = implicit(text);
        boolean matches = switch (type) {
            case "int" -> resolved instanceof Long || resolved instanceof BigInteger;
            case "float" -> resolved instanceof Double || resolved instanceof Long || resolved instanceof BigInteger;
            case "bool" -> resolved instanceof Boolean;
            default -> resolved == NullNode.instance;
        };
        if (!matches) {
            throw new YamlProblem(line, "cannot read '" + text + "' as a !!" + type);
        }
        return type.equals("float") && !(resolved instanceof Double) ? ((Number) resolved).doubleValue() : resolved;
    }

    /** go-yaml's resolution of an untagged plain scalar. */
    private Object implicit(String text) {
        if (NULLS.contains(text)) {
            return NullNode.instance;
        }
        char first = text.charAt(0);
        if ("yYnNtTfFoO".indexOf(first) >= 0) {
            Boolean bool = booleans.get(text);
            return bool == null ? text : bool;
        }
        if (first == '.') {
            if (SPECIAL_FLOATS.contains(text)) {
                return special(text);
            }
            Double number = GoNumbers.dotFloat(text);
            return number == null ? text : number;
        }
        if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            if (SPECIAL_FLOATS.contains(text)) {
                return special(text);
            }
            if (dialect == Dialect.GO_YAML_V3) {
                var timestamp = GoTimestamps.rfc3339(text);
                if (timestamp.isPresent()) {
                    return timestamp.get();
                }
            }
            String plainNumber = text.indexOf('_') >= 0 ? text.replace("_", "") : text;
            Number integer = GoNumbers.integer(plainNumber);
            if (integer != null) {
                return integer;
            }
            Double number = GoNumbers.yamlFloat(plainNumber);
            return number == null ? text : number;
        }
        return text;
    }

    private static Double special(String text) {
        return text.contains("nan") || text.contains("NaN") || text.contains("NAN") ? Double.NaN
                : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static JsonNode integer(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    private static String describe(Object resolved) {
        if (resolved == NullNode.instance) {
            return "null";
        }
        if (resolved instanceof Boolean) {
            return "a boolean";
        }
        return resolved instanceof Double ? "a float" : "an integer";
    }

    private static Map<String, Boolean> booleans(String trueWords, String falseWords) {
        Map<String, Boolean> map = new HashMap<>();
        for (String word : trueWords.split(" ")) {
            map.put(word, Boolean.TRUE);
        }
        for (String word : falseWords.split(" ")) {
            map.put(word, Boolean.FALSE);
        }
        return Map.copyOf(map);
    }
}
