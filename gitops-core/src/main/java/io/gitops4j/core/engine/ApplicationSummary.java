package io.gitops4j.core.engine;

import java.util.List;

/**
 * What an application runs and where it is reachable, Argo CD's {@code status.summary}.
 *
 * @param externalURLs the URLs of its Ingresses (and of {@code link.argocd.argoproj.io/external-link}
 *     annotations), sorted
 * @param images the container images of its workloads, sorted
 */
public record ApplicationSummary(List<String> externalURLs, List<String> images) {

    /** Nothing known. */
    public static final ApplicationSummary EMPTY = new ApplicationSummary(List.of(), List.of());

    /**
     * Copies both lists, so that the summary stays immutable.
     *
     * @param externalURLs the URLs of its Ingresses (and of {@code link.argocd.argoproj.io/external-link}
     *     annotations), sorted
     * @param images the container images of its workloads, sorted
     */
    public ApplicationSummary {
        externalURLs = List.copyOf(externalURLs);
        images = List.copyOf(images);
    }
}
