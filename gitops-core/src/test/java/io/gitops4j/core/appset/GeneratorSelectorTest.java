package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A generator's post-selector, with the cases of Argo CD's TestMatchValues and TestMatchValuesGoTemplate as our own. */
class GeneratorSelectorTest {

    private static final String ELEMENT = "    elements: [{cluster: cluster, url: url, values: {foo: bar}}]\n";

    @Test
    void noSelectorOrAnEmptyOneKeepsEverything() {
        assertThat(Harness.params(false, "- list:\n" + ELEMENT)).hasSize(1);
        assertThat(Harness.params(false, "- selector: {}\n  list:\n" + ELEMENT)).hasSize(1);
    }

    @Test
    void selectorMatchesFlattenedParameters() {
        assertThat(Harness.params(false, "- selector: {matchLabels: {values.foo: foo}}\n  list:\n" + ELEMENT)).isEmpty();
        assertThat(Harness.params(false, "- selector: {matchLabels: {values.foo: bar}}\n  list:\n" + ELEMENT))
                .containsExactly(Map.of("cluster", "cluster", "url", "url", "values.foo", "bar"));
    }

    @Test
    void goTemplateParametersAreFlattenedForTheSelectorOnly() {
        assertThat(Harness.params(true, "- selector: {matchLabels: {values.foo: foo}}\n  list:\n" + ELEMENT)).isEmpty();
        assertThat(Harness.params(true, "- selector: {matchLabels: {values.foo: bar}}\n  list:\n" + ELEMENT))
                .containsExactly(Map.of("cluster", "cluster", "url", "url", "values", Map.of("foo", "bar")));
    }

    @Test
    void selectorOnClusterLabelsInGoTemplateMode() {
        List<Cluster> clusters = List.of(Cluster.of("a", "https://a", Map.of("environment", "prod")),
                Cluster.of("b", "https://b", Map.of("environment", "dev")));
        assertThat(Harness.params(true, "- selector: {matchExpressions: [{key: metadata.labels.environment, operator: In, values: [prod]}]}\n  clusters: {}\n",
                clusters, InMemoryRepository.withDirectories())).extracting(p -> p.get("name")).containsExactly("a");
    }

    @Test
    void selectorValuesMayBeUrlsLongerThanLabelValues() {
        List<Cluster> clusters = List.of(Cluster.of("production_01/west", "https://production-01.example.com", Map.of()),
                Cluster.of("some-really-long-server-url", "https://some-really-long-url-that-will-exceed-63-characters.com",
                        Map.of()));
        for (Cluster cluster : clusters) {
            assertThat(Harness.params(false, "- selector: {matchLabels: {server: '" + cluster.server() + "'}}\n  clusters: {}\n",
                    clusters, InMemoryRepository.withDirectories())).extracting(p -> p.get("name"))
                    .containsExactly(cluster.name());
        }
    }
}
