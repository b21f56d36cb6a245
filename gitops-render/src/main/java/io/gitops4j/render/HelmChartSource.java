package io.gitops4j.render;

/**
 * A chart in a Helm chart repository rather than in Git (Argo CD's {@code spec.source.chart}
 * with a Helm repository {@code repoURL}).
 *
 * @param repoURL the chart repository, for example {@code https://charts.example.com}
 * @param chart the chart name
 * @param version an exact version or a wildcard ({@code 1.2.*}); empty for the newest
 */
public record HelmChartSource(String repoURL, String chart, String version) {

    /**
     * Checks that the repository and the chart are named.
     *
     * @param repoURL the chart repository, for example {@code https://charts.example.com}
     * @param chart the chart name
     * @param version an exact version or a wildcard ({@code 1.2.*}); empty for the newest
     * @throws IllegalArgumentException when {@code repoURL} or {@code chart} is missing or blank
     */
    public HelmChartSource {
        if (repoURL == null || repoURL.isBlank() || chart == null || chart.isBlank()) {
            throw new IllegalArgumentException("a chart source needs a repoURL and a chart name");
        }
        version = version == null ? "" : version;
    }
}
