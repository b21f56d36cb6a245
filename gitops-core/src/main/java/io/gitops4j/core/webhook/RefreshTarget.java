package io.gitops4j.core.webhook;

/**
 * What a push refreshes: {@code ApplicationController::refresh} for applications registered from
 * Java, or whatever a controller of Application objects marks for refresh.
 */
@FunctionalInterface
public interface RefreshTarget {

    /**
     * Marks every application of the repository whose target revision may name the pushed
     * revision for comparison.
     *
     * @param repoURL the repository as the webhook names it (its web or clone URL)
     * @param revision the branch or tag pushed; empty for any
     * @return how many applications were marked
     */
    int refresh(String repoURL, String revision);
}
