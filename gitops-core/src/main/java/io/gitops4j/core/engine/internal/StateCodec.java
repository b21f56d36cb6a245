package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.kube.Redaction;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@link StoredState} as JSON and back, for stores that keep text (a ConfigMap). Every
 * {@code repoURL} is stored with its credentials removed ({@link Redaction#url}); the controller
 * puts the registered application's own source back when it names the same repository.
 */
public final class StateCodec {

    /** The version of the format, stored beside the state. */
    public static final int FORMAT = 1;

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    /** The state as one line of JSON, credentials removed. */
    public String encode(StoredState state) {
        ObjectNode tree = mapper.valueToTree(state);
        redact(tree);
        tree.put("format", FORMAT);
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The state read back.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public StoredState decode(String json) {
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException("it is in format " + tree.path("format") + ", not " + FORMAT);
            }
            ((ObjectNode) tree).remove("format");
            return mapper.treeToValue(tree, StoredState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("repoURL") && field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(Redaction.url(field.getValue().asText())));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(StateCodec::redact);
        }
    }
}
