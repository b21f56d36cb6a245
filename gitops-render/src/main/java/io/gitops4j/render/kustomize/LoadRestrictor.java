package io.gitops4j.render.kustomize;

/**
 * Which files a kustomization may read, as Kustomize's {@code --load-restrictor} flag (and Argo
 * CD's {@code kustomize.buildOptions}) say. Neither lets a file outside the repository be read.
 */
public enum LoadRestrictor {
    /** {@code LoadRestrictionsRootOnly}, the default: files in or below the kustomization's directory. */
    ROOT_ONLY,
    /** {@code LoadRestrictionsNone}: any file of the repository, such as a patch shared by overlays. */
    NONE
}
