package io.gitops4j.k8s.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import io.gitops4j.diff.patch.MergePatch;
import io.gitops4j.k8s.ClusterException;
import io.gitops4j.k8s.Patch;
import io.gitops4j.k8s.ResourceType;
import java.io.IOException;
import java.util.Optional;

/** Applies JSON patches and JSON merge patches to stored objects, with the API server's errors. */
final class Patches {

    private Patches() {
    }

    /**
     * The object {@code patch} makes of {@code current}.
     *
     * @throws ClusterException 400 for a malformed patch, 422 when it cannot be applied, 415 for
     *     a format the fake cannot apply yet
     */
    static ObjectNode apply(ResourceType type, String name, ObjectNode current, Patch patch) {
        return switch (patch.type()) {
            case JSON -> jsonPatch(type, name, current, patch.body());
            case MERGE -> MergePatch.apply(current, (ObjectNode) patch.body());
            case STRATEGIC_MERGE, APPLY -> throw new ClusterException(415, "UnsupportedMediaType", "the fake cluster "
                    + "cannot apply " + patch.type().contentType() + " patches yet; use a JSON or merge patch",
                    Optional.empty());
        };
    }

    private static ObjectNode jsonPatch(ResourceType type, String name, ObjectNode current, JsonNode operations) {
        JsonPatch parsed;
        try {
            parsed = JsonPatch.fromJson(operations);
        } catch (IOException e) {
            throw ApiErrors.badRequest("the JSON patch for " + ApiErrors.resource(type) + " \"" + name
                    + "\" is malformed: " + e.getMessage());
        }
        try {
            JsonNode result = parsed.apply(current);
            if (!(result instanceof ObjectNode object)) {
                throw ApiErrors.invalid(type, name, "the JSON patch does not leave an object");
            }
            return object;
        } catch (JsonPatchException e) {
            throw ApiErrors.invalid(type, name, "the JSON patch cannot be applied: " + e.getMessage());
        }
    }
}
