package io.gitops4j.diff.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.fge.jsonpatch.diff.JsonDiff;
import io.gitops4j.kube.ResourceKey;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** JSON Patch (RFC 6902) on Kubernetes objects, through {@code json-patch}. */
public final class JsonPatch {

    private static final List<String> OPERATIONS = List.of("add", "remove", "replace", "move", "copy", "test");

    private JsonPatch() {
    }

    /**
     * A copy of {@code target} with the operations applied.
     *
     *
     * @param target the object to patch; not changed
     * @param operations an array of RFC 6902 operations ({@code add}, {@code remove},
     *     {@code replace}, {@code move}, {@code copy}, {@code test})
     * @return the patched copy
     * @throws PatchException naming the object when the operations are malformed, a path does not
     *     exist or a {@code test} fails
     */
    public static ObjectNode apply(ObjectNode target, JsonNode operations) {
        String malformed = malformed(operations);
        if (!malformed.isEmpty()) {
            throw new PatchException("cannot apply the JSON patch to " + ResourceKey.of(target) + ": " + malformed);
        }
        try {
            JsonNode result = com.github.fge.jsonpatch.JsonPatch.fromJson(operations).apply(target);
            if (result instanceof ObjectNode object) {
                return object;
            }
            throw new PatchException("the JSON patch turned " + ResourceKey.of(target) + " into a non-object");
        } catch (IOException | JsonPatchException e) {
            throw new PatchException("cannot apply the JSON patch to " + ResourceKey.of(target) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * What makes the operations malformed under RFC 6902, or an empty string: json-patch does not
     * check that an operation has the members its kind needs (a {@code replace} without
     * {@code path} ended in a NullPointerException).
     */
    private static String malformed(JsonNode operations) {
        if (!operations.isArray()) {
            return "the operations must be a list, not " + operations.getNodeType().name().toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < operations.size(); i++) {
            JsonNode operation = operations.get(i);
            String where = "operation " + (i + 1);
            if (!operation.isObject()) {
                return where + " is not a mapping";
            }
            String op = operation.path("op").asText("");
            if (!OPERATIONS.contains(op)) {
                return where + " has the op '" + op + "'; it must be one of " + String.join(", ", OPERATIONS);
            }
            if (!operation.path("path").isTextual()) {
                return where + " (" + op + ") has no path";
            }
            if ((op.equals("move") || op.equals("copy")) && !operation.path("from").isTextual()) {
                return where + " (" + op + ") has no from";
            }
            if ((op.equals("add") || op.equals("replace") || op.equals("test")) && !operation.has("value")) {
                return where + " (" + op + ") has no value";
            }
        }
        return "";
    }

    /**
     * The operations that turn {@code source} into {@code target}; an empty array when equal.
     *
     * @param source the original value
     * @param target the value to reach
     * @return the RFC 6902 operations
     */
    public static ArrayNode diff(JsonNode source, JsonNode target) {
        return (ArrayNode) JsonDiff.asJson(source, target);
    }
}
