package io.gitops4j.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper GitOps4J uses for Kubernetes objects, and small helpers around it.
 * Kubernetes objects are handled as Jackson trees ({@link ObjectNode}), like Argo CD's
 * unstructured objects; GitOps4J methods never mutate the trees they are given.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /**
     * The shared, fully configured mapper. It is thread-safe; do not reconfigure it.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A new empty JSON object.
     *
     * @return the object
     */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Parses a JSON object.
     *
     *
     * @param json the JSON text
     * @param source the file or origin to name in errors
     * @return the object
     * @throws ManifestException naming {@code source} when the text is not a JSON object
     */
    public static ObjectNode parseObject(String json, String source) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new ManifestException(source, 0, "expected a JSON object");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ManifestException(source, line, e.getOriginalMessage());
        }
    }

    /**
     * Compact JSON text of a tree.
     *
     * @param node the tree
     * @return the text, on one line
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
