package io.gitops4j.fake.internal.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes protobuf message as the JSON the API server stores for it. The wire form writes
 * every Go field that is not a pointer, zero or not; Go reads a zero value of such a field as
 * "not set", so it is left out here too (except where Go's JSON writes it: fields neither pointer
 * nor {@code omitempty}), while a zero value of a pointer field was sent on purpose and is kept
 * ({@code replicas: 0}, {@code emptyDir: {}}). Field names are the JSON names (the messages use
 * them); int-or-string, quantity, time, duration, bytes (base64) and raw JSON fields take their
 * JSON spellings.
 */
final class MessageToJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GoFields goFields;

    MessageToJson(GoFields goFields) {
        this.goFields = goFields;
    }

    /** The message's fields as one JSON object (without apiVersion and kind: the envelope has those). */
    ObjectNode object(Message message) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            JsonNode value = field.isMapField() ? map(field, entry.getValue())
                    : field.isRepeated() ? list(field, (List<?>) entry.getValue())
                    : singular(field, entry.getValue());
            if (value != null && goFields.isInline(field.getFullName()) && value.isObject()) {
                object.setAll((ObjectNode) value);
            } else if (value != null) {
                object.set(field.getName(), value);
            }
        }
        return object;
    }

    private JsonNode map(FieldDescriptor field, Object entries) {
        ObjectNode map = NODES.objectNode();
        Descriptor entryType = field.getMessageType();
        FieldDescriptor key = entryType.findFieldByName("key");
        FieldDescriptor value = entryType.findFieldByName("value");
        for (Object item : (List<?>) entries) {
            Message entry = (Message) item;
            JsonNode converted = element(value, entry.getField(value));
            map.set(String.valueOf(entry.getField(key)), converted == null ? NODES.nullNode() : converted);
        }
        return map.isEmpty() ? null : map;
    }

    private JsonNode list(FieldDescriptor field, List<?> items) {
        ArrayNode list = NODES.arrayNode();
        for (Object item : items) {
            JsonNode converted = element(field, item);
            list.add(converted == null ? NODES.objectNode() : converted);
        }
        return list.isEmpty() ? null : list;
    }

    /** An item of a list or a value of a map: written whatever its value, as Go writes it. */
    private JsonNode element(FieldDescriptor field, Object value) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            JsonNode converted = message((Message) value, true);
            return converted == null ? NODES.objectNode() : converted;
        }
        return scalar(field, value);
    }

    /** A singular field: null when Go would read it as not set and its JSON leaves it out. */
    private JsonNode singular(FieldDescriptor field, Object value) {
        boolean pointer = goFields.isPointer(field.getFullName());
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            JsonNode converted = message((Message) value, pointer);
            if (converted == null || !pointer && converted.isObject() && converted.isEmpty()) {
                return null;
            }
            return converted;
        }
        JsonNode converted = scalar(field, value);
        if (pointer || goFields.writesZero(field.getFullName()) || !isZero(converted)) {
            return converted;
        }
        return null;
    }

    /**
     * @param keepZero whether a zero int-or-string is kept ({@code maxUnavailable: 0} through a pointer)
     * @return the JSON of a message; null for a zero time, which JSON writes as null
     */
    private JsonNode message(Message message, boolean keepZero) {
        Descriptor type = message.getDescriptorForType();
        switch (type.getFullName()) {
            case WellKnownTypes.TIME, WellKnownTypes.MICRO_TIME -> {
                long seconds = (Long) field(message, "seconds");
                int nanos = (Integer) field(message, "nanos");
                if (seconds == 0 && nanos == 0) {
                    return null;
                }
                return NODES.textNode(WellKnownTypes.formatTime(seconds, nanos,
                        type.getFullName().equals(WellKnownTypes.MICRO_TIME)));
            }
            case WellKnownTypes.DURATION -> {
                return NODES.textNode(WellKnownTypes.formatDuration((Long) field(message, "duration")));
            }
            case WellKnownTypes.QUANTITY -> {
                return NODES.textNode((String) field(message, "string"));
            }
            case WellKnownTypes.INT_OR_STRING -> {
                boolean isString = (Long) field(message, "type") == 1;
                JsonNode value = isString ? NODES.textNode((String) field(message, "strVal"))
                        : NODES.numberNode((Integer) field(message, "intVal"));
                return keepZero || !isZero(value) ? value : null;
            }
            case WellKnownTypes.FIELDS_V1 -> {
                return rawJson((ByteString) field(message, "Raw"));
            }
            case WellKnownTypes.RAW_EXTENSION, WellKnownTypes.CRD_JSON -> {
                return rawJson((ByteString) field(message, "raw"));
            }
            default -> {
                return object(message);
            }
        }
    }

    private static Object field(Message message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private static JsonNode rawJson(ByteString raw) {
        if (raw.isEmpty()) {
            return null;
        }
        String text = raw.toString(StandardCharsets.UTF_8);
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("an embedded object in the protobuf body is not JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode scalar(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> longNumber((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case STRING -> NODES.textNode((String) value);
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.textNode(value.toString());
            case MESSAGE -> throw new IllegalArgumentException(field.getFullName() + " is a message");
        };
    }

    /** As Jackson reads a JSON number: an int when it fits, so that trees read either way are equal. */
    private static JsonNode longNumber(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static boolean isZero(JsonNode value) {
        return value.isTextual() && value.asText().isEmpty() || value.isNumber() && value.asDouble() == 0
                || value.isBoolean() && !value.asBoolean();
    }
}
