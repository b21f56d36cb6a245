package io.gitops4j.render.kustomize.internal.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import java.io.IOException;

/** A JSON patch (RFC 6902) as Kustomize applies it: every operation must succeed. */
public final class Json6902Patch {

    private final JsonPatch patch;
    private final String source;

    private Json6902Patch(JsonPatch patch, String source) {
        this.patch = patch;
        this.source = source;
    }

    /**
     * @param operations the list of operations, read from YAML or JSON
     * @param source the patch file or "inline patch", for messages
     */
    public static Json6902Patch of(ArrayNode operations, String source) {
        for (JsonNode operation : operations) {
            if (!operation.isObject() || !operation.path("op").isTextual() || !operation.path("path").isTextual()) {
                throw new IllegalArgumentException("the JSON patch " + source + " has an operation without op and path: "
                        + operation);
            }
        }
        try {
            return new Json6902Patch(JsonPatch.fromJson(operations), source);
        } catch (IOException e) {
            throw new IllegalArgumentException("the JSON patch " + source + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The patched copy of {@code target}. */
    public ObjectNode apply(ObjectNode target, String targetName) {
        try {
            JsonNode result = patch.apply(target);
            if (!(result instanceof ObjectNode object)) {
                throw new IllegalArgumentException("the JSON patch " + source + " turned " + targetName + " into a non-object");
            }
            return object;
        } catch (JsonPatchException e) {
            throw new IllegalArgumentException("unable to apply the JSON patch " + source + " to " + targetName + ": "
                    + e.getMessage(), e);
        }
    }
}
