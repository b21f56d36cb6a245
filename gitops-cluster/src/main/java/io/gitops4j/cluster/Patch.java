package io.gitops4j.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A patch to send to an object: its format and its body. Server-side apply is a patch too: its
 * body is the whole object as its manager wants it.
 *
 * @param type the format
 * @param body the patch document: an array of operations for {@link PatchType#JSON}, an object
 *     otherwise
 */
public record Patch(PatchType type, JsonNode body) {

    /**
     * Checks that the body fits the format.
     *
     * @param type the format
     * @param body an array of operations for {@link PatchType#JSON}, an object otherwise
     * @throws IllegalArgumentException when a part is {@code null} or the body does not fit the format
     */
    public Patch {
        if (type == null || body == null) {
            throw new IllegalArgumentException("patch type and body must not be null");
        }
        if (type == PatchType.JSON ? !body.isArray() : !body.isObject()) {
            throw new IllegalArgumentException("a " + type + " patch must be a JSON "
                    + (type == PatchType.JSON ? "array of operations" : "object"));
        }
    }

    /**
     * An RFC 6902 JSON Patch.
     *
     * @param operations the operations ({@code op}, {@code path}, {@code value}, ...); copied
     * @return the patch
     */
    public static Patch json(ArrayNode operations) {
        return new Patch(PatchType.JSON, operations.deepCopy());
    }

    /**
     * An RFC 7386 JSON merge patch.
     *
     * @param patch the merge patch; copied
     * @return the patch
     */
    public static Patch merge(ObjectNode patch) {
        return new Patch(PatchType.MERGE, patch.deepCopy());
    }

    /**
     * A Kubernetes strategic merge patch.
     *
     * @param patch the strategic merge patch; copied
     * @return the patch
     */
    public static Patch strategicMerge(ObjectNode patch) {
        return new Patch(PatchType.STRATEGIC_MERGE, patch.deepCopy());
    }

    /**
     * A server-side apply of {@code object}, which names its apiVersion, kind and name.
     *
     * @param object the whole object as its manager wants it; copied
     * @return the patch
     */
    public static Patch apply(ObjectNode object) {
        return new Patch(PatchType.APPLY, object.deepCopy());
    }
}
