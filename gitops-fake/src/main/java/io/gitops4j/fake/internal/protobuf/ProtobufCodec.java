package io.gitops4j.fake.internal.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf}) of built-in objects,
 * read into and written from the JSON trees the fake cluster keeps. A body is the four bytes
 * {@code k8s\0} and a {@code runtime.Unknown}: the object's apiVersion and kind, and the object's
 * message in {@code raw}.
 */
public final class ProtobufCodec {

    /** The media type of Kubernetes' protobuf bodies. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    // Read through descriptors: the generated classes of client-java-proto log a warning when used.
    private static final Descriptor UNKNOWN = Runtime.getDescriptor().findMessageTypeByName("Unknown");
    private static final Descriptor TYPE_META = Runtime.getDescriptor().findMessageTypeByName("TypeMeta");

    private final ProtobufKinds kinds = new ProtobufKinds();
    private final MessageToJson toJson;
    private final JsonToMessage toMessage;

    /** A codec with the Go field table bundled with the fake cluster. */
    public ProtobufCodec() {
        GoFields goFields = GoFields.load();
        this.toJson = new MessageToJson(goFields);
        this.toMessage = new JsonToMessage(goFields);
    }

    /**
     * Reads a protobuf request body.
     *
     * @param body the bytes of the body
     * @return the object it holds, with its apiVersion and kind
     * @throws IllegalArgumentException when the body is not Kubernetes protobuf of a built-in kind;
     *     the message says what is wrong
     */
    public ObjectNode read(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("the protobuf body does not start with Kubernetes' k8s\\0 prefix");
        }
        DynamicMessage envelope;
        try {
            envelope = DynamicMessage.parseFrom(UNKNOWN, ByteString.copyFrom(body, MAGIC.length,
                    body.length - MAGIC.length));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the protobuf body is not a runtime.Unknown: " + e.getMessage(), e);
        }
        String encoding = (String) envelope.getField(UNKNOWN.findFieldByName("contentEncoding"));
        if (!encoding.isEmpty()) {
            throw new IllegalArgumentException("the protobuf body's content encoding " + encoding + " is not supported");
        }
        DynamicMessage typeMeta = (DynamicMessage) envelope.getField(UNKNOWN.findFieldByName("typeMeta"));
        String apiVersion = (String) typeMeta.getField(TYPE_META.findFieldByName("apiVersion"));
        String kind = (String) typeMeta.getField(TYPE_META.findFieldByName("kind"));
        ByteString raw = (ByteString) envelope.getField(UNKNOWN.findFieldByName("raw"));
        Descriptor type = kinds.message(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
                "the fake cluster has no protobuf form of " + apiVersion + " " + kind + "; send it as JSON"));
        DynamicMessage message;
        try {
            message = DynamicMessage.parseFrom(type, raw);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the protobuf body is not a " + apiVersion + " " + kind + ": "
                    + e.getMessage(), e);
        }
        ObjectNode object = Json.object();
        if (!apiVersion.isEmpty()) {
            object.put("apiVersion", apiVersion);
        }
        if (!kind.isEmpty()) {
            object.put("kind", kind);
        }
        object.setAll(toJson.object(message));
        return object;
    }

    /**
     * @param object an object, list or Status with its apiVersion and kind
     * @return whether {@link #write} can encode it
     */
    public boolean canWrite(ObjectNode object) {
        return hasMessage(KubernetesObjects.apiVersion(object), KubernetesObjects.kind(object));
    }

    /**
     * @param apiVersion an apiVersion, {@code apps/v1}
     * @param kind a kind, {@code Deployment} (or {@code DeploymentList})
     * @return whether objects of this kind have a protobuf form
     */
    public boolean hasMessage(String apiVersion, String kind) {
        return kinds.message(apiVersion, kind).isPresent();
    }

    /**
     * Writes an answer body.
     *
     * @param object an object, list or Status with its apiVersion and kind
     * @return the protobuf body: the prefix and a runtime.Unknown holding the object's message
     * @throws IllegalArgumentException when the kind has no protobuf form or a value does not fit
     */
    public byte[] write(ObjectNode object) {
        String apiVersion = KubernetesObjects.apiVersion(object);
        String kind = KubernetesObjects.kind(object);
        Descriptor type = kinds.message(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
                "the fake cluster has no protobuf form of " + apiVersion + " " + kind));
        DynamicMessage message = toMessage.message(type, object);
        DynamicMessage envelope = DynamicMessage.newBuilder(UNKNOWN)
                .setField(UNKNOWN.findFieldByName("typeMeta"), DynamicMessage.newBuilder(TYPE_META)
                        .setField(TYPE_META.findFieldByName("apiVersion"), apiVersion)
                        .setField(TYPE_META.findFieldByName("kind"), kind).build())
                .setField(UNKNOWN.findFieldByName("raw"), message.toByteString())
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(MAGIC);
            envelope.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
