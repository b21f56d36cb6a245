package io.gitops4j.render.kustomize.internal.resource;

/**
 * A built-in transformer (Kustomize's {@code resmap.Transformer}): changes the resources of a
 * kustomization in place. Each is configured once, from the fields of the kustomization or from
 * a plugin configuration of the same shape, and then applied to the accumulated resources.
 */
@FunctionalInterface
public interface Transformer {

    /**
     * Transforms the resources in place.
     *
     * @throws IllegalArgumentException with Kustomize's wording when they cannot be transformed;
     *     the caller adds the kustomization file
     */
    void transform(ResMap resources);

    /**
     * The kind of Kustomize's built-in plugin this is, as {@code transformerAnnotations} name it;
     * the classes are named after them.
     */
    default String kind() {
        return getClass().getSimpleName();
    }
}
