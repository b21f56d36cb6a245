package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.diff.patch.JsonPatch;
import io.gitops4j.diff.patch.MergePatch;
import io.gitops4j.diff.patch.PatchException;
import io.gitops4j.diff.patch.StrategicMergePatch;

/**
 * Applies JSON patches, JSON merge patches and strategic merge patches (with the merge keys of
 * the built-in kinds; custom resources merge as JSON merge patch, as on a real API server) to
 * stored objects. Server-side apply is not a patch here: see {@link ServerSideApply}.
 */
final class Patches {

    private Patches() {
    }

    /**
     * The object {@code patch} makes of {@code current}.
     *
     * @throws ClusterException 422 when the patch cannot be applied
     */
    static ObjectNode apply(ResourceType type, String name, ObjectNode current, Patch patch) {
        try {
            return switch (patch.type()) {
                case JSON -> JsonPatch.apply(current, patch.body());
                case MERGE -> MergePatch.apply(current, (ObjectNode) patch.body());
                case STRATEGIC_MERGE -> StrategicMergePatch.apply(current, (ObjectNode) patch.body());
                case APPLY -> throw new IllegalArgumentException("server-side apply is not a patch to apply here");
            };
        } catch (PatchException e) {
            throw ApiErrors.invalid(type, name, e.getMessage());
        }
    }
}
