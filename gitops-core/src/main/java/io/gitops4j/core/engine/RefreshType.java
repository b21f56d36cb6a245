package io.gitops4j.core.engine;

/** How thoroughly {@link ApplicationController#refresh(String, RefreshType)} looks again, as Argo CD's refresh annotation. */
public enum RefreshType {
    /** List the repository again and compare; a commit already rendered is not rendered again. */
    NORMAL,
    /** As normal, and render again ignoring the render cache (a remote base on a branch may have moved). */
    HARD
}
