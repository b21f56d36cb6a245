package io.gitops4j.k8s.health.builtin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions an {@code autoscaling/v1} HorizontalPodAutoscaler carries in its
 * {@code autoscaling.alpha.kubernetes.io/conditions} annotation, decoded as Argo CD decodes them
 * (Go's {@code encoding/json} into a list of {type, reason, message, status} strings): keys match
 * the four fields in any letter case, the last key wins unless its value is {@code null}, other
 * keys are ignored, a {@code null} list or entry is empty, and anything else that is not a string
 * where a string belongs, or not valid JSON as a whole, is an error.
 */
final class HpaConditionsAnnotation {

    /** One condition, every field a string ({@code ""} when absent). */
    record Condition(String type, String reason, String message, String status) {
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final List<String> FIELDS = List.of("Type", "Reason", "Message", "Status");

    private HpaConditionsAnnotation() {
    }

    /**
     * @param annotation the annotation's value, present (an empty value is invalid JSON)
     * @throws IllegalArgumentException with Argo CD's "failed to convert conditions annotation to
     *     typed: ..." message when it cannot be decoded
     */
    static List<Condition> decode(String annotation) {
        try {
            if (annotation.isBlank()) {
                throw new Invalid("unexpected end of JSON input");
            }
            // Go checks the whole text before it decodes anything: a syntax error anywhere wins.
            STRICT.readTree(annotation);
            try (JsonParser parser = STRICT.createParser(annotation)) {
                return conditions(parser);
            }
        } catch (Invalid e) {
            throw new IllegalArgumentException("failed to convert conditions annotation to typed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to convert conditions annotation to typed: invalid JSON: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static List<Condition> conditions(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (token != JsonToken.START_ARRAY) {
            throw mismatch(token, "Go value of type []health.hpaCondition");
        }
        List<Condition> conditions = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == JsonToken.VALUE_NULL) {
                conditions.add(new Condition("", "", "", ""));
            } else if (token == JsonToken.START_OBJECT) {
                conditions.add(condition(parser));
            } else {
                throw mismatch(token, "Go value of type health.hpaCondition");
            }
        }
        return conditions;
    }

    private static Condition condition(JsonParser parser) throws IOException {
        String[] fields = {"", "", "", ""};
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int field = field(parser.currentName());
            JsonToken value = parser.nextToken();
            if (field < 0) {
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_STRING) {
                fields[field] = parser.getText();
            } else if (value != JsonToken.VALUE_NULL) {
                throw mismatch(value, "Go struct field hpaCondition." + FIELDS.get(field) + " of type string");
            }
        }
        return new Condition(fields[0], fields[1], fields[2], fields[3]);
    }

    /** The field a key sets, as Go matches keys to field names: in any letter case; -1 for none. */
    private static int field(String key) {
        for (int i = 0; i < FIELDS.size(); i++) {
            if (FIELDS.get(i).equalsIgnoreCase(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Invalid mismatch(JsonToken token, String target) {
        String value = switch (token) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            default -> "number";
        };
        return new Invalid("json: cannot unmarshal " + value + " into " + target);
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** The annotation is not what Argo CD can decode. */
    private static final class Invalid extends IOException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }
}
