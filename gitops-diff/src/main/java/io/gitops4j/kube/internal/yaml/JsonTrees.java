package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads a stream of JSON values, as kubectl reads a file that starts with {@code {} (apimachinery's
 * YAML-or-JSON decoder): with a JSON parser, so that JSON indented with tabs is read, within the
 * same limits and with the same duplicate-key policy as YAML. Numbers are normalized as in YAML:
 * a float with an integral value becomes an integer.
 */
final class JsonTrees {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    private final JsonParser parser;
    private final boolean refuseDuplicates;
    private final Limits limits;

    private JsonTrees(JsonParser parser, boolean refuseDuplicates, Limits limits) {
        this.parser = parser;
        this.refuseDuplicates = refuseDuplicates;
        this.limits = limits;
    }

    /** Whether the text looks like JSON: its first character other than white space is a brace. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }

    /**
     * The documents of a JSON text, or empty when it is not JSON (a YAML flow mapping, or JSON
     * followed by YAML), so that the caller reads it as YAML.
     *
     * @throws YamlProblem when it is JSON but exceeds a limit or repeats a key that is refused
     */
    static Optional<List<YamlTrees.Document>> read(String text, boolean refuseDuplicates, Limits limits,
            boolean firstOnly) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonTrees reader = new JsonTrees(parser, refuseDuplicates, limits);
            List<YamlTrees.Document> documents = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                long start = parser.currentTokenLocation().getCharOffset();
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode root = reader.value(token);
                if (parser.currentLocation().getCharOffset() - start > limits.maxDocumentSize()) {
                    throw YamlProblem.limit(line, "a JSON document is larger than "
                            + Limits.format(limits.maxDocumentSize()) + " characters", "maxDocumentSize");
                }
                documents.add(new YamlTrees.Document(root, line));
                if (firstOnly) {
                    break;
                }
            }
            return Optional.of(documents);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode value(JsonToken first) throws IOException {
        Deque<JsonNode> stack = new ArrayDeque<>();
        String field = null;
        JsonToken token = first;
        while (true) {
            JsonNode value;
            switch (token) {
                case START_OBJECT, START_ARRAY -> {
                    if (stack.size() + 1 > limits.maxDepth()) {
                        throw YamlProblem.limit(line(), "the JSON nests objects and arrays deeper than "
                                + Limits.format(limits.maxDepth()) + " levels", "maxDepth");
                    }
                    JsonNode container = token == JsonToken.START_OBJECT
                            ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.arrayNode();
                    add(stack, field, container);
                    stack.push(container);
                    token = parser.nextToken();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    JsonNode done = stack.pop();
                    if (stack.isEmpty()) {
                        return done;
                    }
                    token = parser.nextToken();
                    continue;
                }
                case FIELD_NAME -> {
                    field = checked(parser.currentName());
                    if (refuseDuplicates && stack.peek().has(field)) {
                        throw new YamlProblem(line(), "the key '" + field + "' is defined twice in one object;"
                                + " remove one of them (this reader refuses duplicate keys, as Kustomize does)");
                    }
                    token = parser.nextToken();
                    continue;
                }
                case VALUE_STRING -> value = TextNode.valueOf(checked(parser.getText()));
                case VALUE_NUMBER_INT -> value = integer();
                case VALUE_NUMBER_FLOAT -> value = number(parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> value = BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
                default -> value = NullNode.instance;
            }
            if (stack.isEmpty()) {
                return value;
            }
            add(stack, field, value);
            token = parser.nextToken();
        }
    }

    private void add(Deque<JsonNode> stack, String field, JsonNode value) {
        JsonNode parent = stack.peek();
        if (parent instanceof ObjectNode object) {
            object.set(field, value);
        } else if (parent instanceof ArrayNode array) {
            array.add(value);
        }
    }

    private String checked(String text) {
        if (text.length() > limits.maxScalarSize()) {
            throw YamlProblem.limit(line(), "a JSON string is longer than " + Limits.format(limits.maxScalarSize())
                    + " characters", "maxScalarSize");
        }
        return text;
    }

    private JsonNode integer() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> JsonNodeFactory.instance.numberNode(parser.getIntValue());
            case LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
            default -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
        };
    }

    private static JsonNode number(double value) {
        if (value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63) {
            long integral = (long) value;
            return integral == (int) integral ? JsonNodeFactory.instance.numberNode((int) integral)
                    : JsonNodeFactory.instance.numberNode(integral);
        }
        return DoubleNode.valueOf(value);
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }
}
