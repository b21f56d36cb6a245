package io.gitops4j.diff.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.fge.jsonpatch.mergepatch.JsonMergePatch;
import io.gitops4j.kube.ResourceKey;

/** JSON Merge Patch (RFC 7386) on Kubernetes objects, through {@code json-patch}. */
public final class MergePatch {

    private MergePatch() {
    }

    /**
     * A copy of {@code target} with {@code patch} merged in: objects merge field by field, any
     * other value (lists included) replaces the target's, and {@code null} removes a field.
     *
     *
     * @param target the object to patch; not changed
     * @param patch the RFC 7386 merge patch
     * @return the patched copy
     * @throws PatchException naming both objects when the patch cannot be applied
     */
    public static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        try {
            return (ObjectNode) JsonMergePatch.fromJson(patch).apply(target);
        } catch (JsonPatchException e) {
            throw new PatchException("cannot merge " + ResourceKey.of(patch) + " into "
                    + ResourceKey.of(target) + ": " + e.getMessage(), e);
        }
    }
}
