package io.gitops4j.diff.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.fge.jsonpatch.diff.JsonDiff;
import io.gitops4j.diff.ResourceKey;
import java.io.IOException;

/** JSON Patch (RFC 6902) on Kubernetes objects, through {@code json-patch}. */
public final class JsonPatch {

    private JsonPatch() {
    }

    /**
     * A copy of {@code target} with the operations applied.
     *
     * @param operations an array of RFC 6902 operations ({@code add}, {@code remove},
     *     {@code replace}, {@code move}, {@code copy}, {@code test})
     * @throws PatchException naming the object when the operations are malformed, a path does not
     *     exist or a {@code test} fails
     */
    public static ObjectNode apply(ObjectNode target, JsonNode operations) {
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

    /** The operations that turn {@code source} into {@code target}; an empty array when equal. */
    public static ArrayNode diff(JsonNode source, JsonNode target) {
        return (ArrayNode) JsonDiff.asJson(source, target);
    }
}
