package io.gitops4j.fake.internal.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import io.gitops4j.kube.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON the fake cluster stores, as a Kubernetes protobuf message, for clients that accept only
 * protobuf answers. Fields the message does not have are left out (custom fields of a built-in
 * kind, which a real server would have refused); the special spellings of {@link MessageToJson}
 * are read back.
 */
final class JsonToMessage {

    private final GoFields goFields;

    JsonToMessage(GoFields goFields) {
        this.goFields = goFields;
    }

    /**
     * @throws IllegalArgumentException when a value does not fit its field
     */
    DynamicMessage message(Descriptor type, JsonNode json) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        switch (type.getFullName()) {
            case WellKnownTypes.TIME, WellKnownTypes.MICRO_TIME -> {
                Instant instant = WellKnownTypes.parseTime(json.asText());
                return builder.setField(type.findFieldByName("seconds"), instant.getEpochSecond())
                        .setField(type.findFieldByName("nanos"), instant.getNano()).build();
            }
            case WellKnownTypes.DURATION -> {
                return builder.setField(type.findFieldByName("duration"), WellKnownTypes.parseDuration(json.asText()))
                        .build();
            }
            case WellKnownTypes.QUANTITY -> {
                return builder.setField(type.findFieldByName("string"), json.asText()).build();
            }
            case WellKnownTypes.INT_OR_STRING -> {
                if (json.isIntegralNumber()) {
                    return builder.setField(type.findFieldByName("type"), 0L)
                            .setField(type.findFieldByName("intVal"), json.intValue()).build();
                }
                return builder.setField(type.findFieldByName("type"), 1L)
                        .setField(type.findFieldByName("strVal"), json.asText()).build();
            }
            case WellKnownTypes.FIELDS_V1 -> {
                return builder.setField(type.findFieldByName("Raw"), rawJson(json)).build();
            }
            case WellKnownTypes.RAW_EXTENSION, WellKnownTypes.CRD_JSON -> {
                return builder.setField(type.findFieldByName("raw"), rawJson(json)).build();
            }
            default -> {
                if (!json.isObject()) {
                    throw new IllegalArgumentException(type.getName() + " must be an object, not " + json);
                }
                for (FieldDescriptor field : type.getFields()) {
                    if (goFields.isInline(field.getFullName())) {
                        DynamicMessage inline = message(field.getMessageType(), json);
                        if (!inline.getAllFields().isEmpty()) {
                            builder.setField(field, inline);
                        }
                    }
                }
                for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = fields.next();
                    FieldDescriptor field = type.findFieldByName(entry.getKey());
                    if (field != null && !entry.getValue().isNull() && !goFields.isInline(field.getFullName())) {
                        set(builder, field, entry.getValue());
                    }
                }
                return builder.build();
            }
        }
    }

    private void set(DynamicMessage.Builder builder, FieldDescriptor field, JsonNode value) {
        if (field.isMapField()) {
            Descriptor entryType = field.getMessageType();
            FieldDescriptor key = entryType.findFieldByName("key");
            FieldDescriptor entryValue = entryType.findFieldByName("value");
            for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                DynamicMessage.Builder item = DynamicMessage.newBuilder(entryType).setField(key, entry.getKey());
                if (!entry.getValue().isNull()) {
                    item.setField(entryValue, single(entryValue, entry.getValue()));
                }
                builder.addRepeatedField(field, item.build());
            }
        } else if (field.isRepeated()) {
            for (JsonNode item : value) {
                builder.addRepeatedField(field, single(field, item));
            }
        } else {
            builder.setField(field, single(field, value));
        }
    }

    private Object single(FieldDescriptor field, JsonNode value) {
        return switch (field.getJavaType()) {
            case INT -> value.asInt();
            case LONG -> value.asLong();
            case FLOAT -> (float) value.asDouble();
            case DOUBLE -> value.asDouble();
            case BOOLEAN -> value.asBoolean();
            case STRING -> value.isValueNode() ? value.asText() : Json.write(value);
            case BYTE_STRING -> ByteString.copyFrom(Base64.getDecoder().decode(value.asText()));
            case MESSAGE -> message(field.getMessageType(), value);
            case ENUM -> throw new IllegalArgumentException(field.getFullName() + " is an enum; Kubernetes has none");
        };
    }

    private static ByteString rawJson(JsonNode json) {
        return ByteString.copyFrom(Json.write(json), StandardCharsets.UTF_8);
    }
}
