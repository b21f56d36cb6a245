package io.gitops4j.diff.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;

/**
 * Kubernetes strategic merge patch: applying patches and creating two-way and three-way patches,
 * with the same results as the API server, {@code kubectl patch --type strategic} and
 * {@code kubectl apply}.
 *
 * <p>How lists merge comes from the schema of the object's kind ({@link KubernetesSchema}):
 * {@code containers} merge by {@code name}, {@code finalizers} as a set, {@code args} are replaced
 * whole. Kinds the schema does not know (custom resources) have no merge keys: objects merge and
 * lists are replaced, which is JSON merge patch (RFC 7386) semantics. The directives
 * {@code $patch: replace|delete|merge}, {@code $retainKeys}, {@code $setElementOrder/<list>} and
 * {@code $deleteFromPrimitiveList/<list>} are understood when applying and produced when creating.
 *
 * <pre>{@code
 * ObjectNode patched = StrategicMergePatch.apply(deployment, patch);
 * ObjectNode patch = StrategicMergePatch.createThreeWay(lastApplied, desired, live);
 * }</pre>
 *
 * <p>Where kubectl and Kustomize differ, {@link #apply} follows the API server and
 * {@link #applyLikeKustomize} follows Kustomize v5: {@code $patch: delete} inside an object leaves
 * an empty object for the former and removes the field for the latter. Both accept an explicit
 * {@code $patch: merge} (the default) and keep a new field patched with {@code $patch: replace},
 * which kubectl rejects and drops respectively.
 *
 * <p>No method modifies its arguments; results are new trees.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {
    }

    /**
     * Applies a patch, with the merge keys of {@code original}'s kind (or the patch's, when
     * {@code original} has no {@code apiVersion}/{@code kind}).
     *
     *
     * @param original the object to patch; not changed
     * @param patch the strategic merge patch
     * @return the patched copy; an empty object when the patch is {@code $patch: delete}
     * @throws PatchException naming the object and path when the patch is malformed
     */
    public static ObjectNode apply(ObjectNode original, ObjectNode patch) {
        return apply(original, patch, typeOf(original, patch));
    }

    /**
     * Applies a patch with an explicit schema type (for example an embedded pod template).
     *
     * @param original the object to patch; not changed
     * @param patch the strategic merge patch
     * @param type the schema type that names the merge keys and strategies
     * @return the patched copy
     */
    public static ObjectNode apply(ObjectNode original, ObjectNode patch, ObjectType type) {
        return apply(original, patch, type, false);
    }

    /**
     * Applies a patch the way Kustomize applies a strategic merge patch to a resource: as
     * {@link #apply(ObjectNode, ObjectNode)}, except that {@code $patch: delete} inside an
     * object removes the field.
     *
     * @param original the resource to patch; not changed
     * @param patch the strategic merge patch
     * @return the patched copy
     */
    public static ObjectNode applyLikeKustomize(ObjectNode original, ObjectNode patch) {
        return applyLikeKustomize(original, patch, KubernetesSchema.builtIn());
    }

    /**
     * As {@link #applyLikeKustomize(ObjectNode, ObjectNode)}, with the merge keys of another
     * schema, such as the built-in one with the kinds of a kustomization's {@code openapi:}
     * document ({@link KubernetesSchema#withKinds}).
     *
     * @param original the resource to patch; not changed
     * @param patch the strategic merge patch
     * @param schema the schema that names the merge keys and strategies
     * @return the patched copy
     */
    public static ObjectNode applyLikeKustomize(ObjectNode original, ObjectNode patch, KubernetesSchema schema) {
        return apply(original, patch, typeOf(original, patch, schema), true);
    }

    private static ObjectNode apply(ObjectNode original, ObjectNode patch, ObjectType type, boolean deleteRemoves) {
        ObjectNode result = new PatchApplier(subject(original, patch), deleteRemoves)
                .applyToObject(original.deepCopy(), patch, type, "");
        return result == null ? JsonNodeFactory.instance.objectNode() : result;
    }

    /**
     * The patch that turns {@code original} into {@code modified}: additions, changes and
     * deletions ({@code null} values, {@code $patch: delete} items), with the merge keys of
     * {@code modified}'s kind. Empty when they are equal.
     *
     * @param original the object before
     * @param modified the object after
     * @return the patch
     */
    public static ObjectNode createTwoWay(ObjectNode original, ObjectNode modified) {
        return PatchCreator.diffObjects(original, modified, original, typeOf(modified, original), false);
    }

    /**
     * The patch {@code kubectl apply} sends: what {@code current} needs to match
     * {@code modified}, plus the deletion of fields {@code original} (the last applied
     * configuration) had and {@code modified} no longer has. Fields only {@code current} has
     * (defaults, other controllers' fields) are kept. Empty when applying would change nothing.
     *
     *
     * @param original the last applied configuration, or {@code null} when there is none (then
     *     nothing is deleted)
     * @param modified the configuration to apply
     * @param current the live object
     * @return the patch
     */
    public static ObjectNode createThreeWay(ObjectNode original, ObjectNode modified, ObjectNode current) {
        return PatchCreator.diffObjects(original, modified, current, typeOf(modified, current), false);
    }

    private static ObjectType typeOf(JsonNode preferred, JsonNode other) {
        return typeOf(preferred, other, KubernetesSchema.builtIn());
    }

    private static ObjectType typeOf(JsonNode preferred, JsonNode other, KubernetesSchema schema) {
        JsonNode source = preferred.hasNonNull("kind") && preferred.hasNonNull("apiVersion") ? preferred : other;
        return schema.typeOf(source);
    }

    private static String subject(JsonNode original, JsonNode patch) {
        return original.hasNonNull("kind") ? ResourceKey.of(original).toString() : ResourceKey.of(patch).toString();
    }
}
