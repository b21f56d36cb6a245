package io.gitops4j.render.kustomize.internal.resource;

/**
 * A built-in generator (Kustomize's {@code resmap.Generator}): makes new resources, which the
 * kustomization then absorbs as their {@link Resource.Behavior behavior} says (create, merge or
 * replace).
 */
@FunctionalInterface
public interface Generator {

    /**
     * The generated resources, in order.
     *
     * @throws IllegalArgumentException with Kustomize's wording for a bad configuration or input;
     *     the caller adds the kustomization file
     */
    ResMap generate();
}
