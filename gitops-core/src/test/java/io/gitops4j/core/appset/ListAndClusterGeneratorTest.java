package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list and clusters generators, with the cases of Argo CD's list_test.go and cluster_test.go as our own. */
class ListAndClusterGeneratorTest {

    private static final Cluster STAGING = new Cluster("staging-01", "https://staging-01.example.com", "",
            Map.of("argocd.argoproj.io/secret-type", "cluster", "environment", "staging", "org", "foo"),
            Map.of("foo.argoproj.io", "staging"));
    private static final Cluster PRODUCTION = new Cluster("production_01/west", "https://production-01.example.com",
            "prod-project", Map.of("argocd.argoproj.io/secret-type", "cluster", "environment", "production", "org", "bar"),
            Map.of("foo.argoproj.io", "production"));
    private static final List<Cluster> CLUSTERS = List.of(STAGING, PRODUCTION);

    // --- list ---

    @Test
    void listElements() {
        assertThat(Harness.params(false, "- list:\n    elements:\n    - {cluster: cluster, url: url}"))
                .containsExactly(Map.of("cluster", "cluster", "url", "url"));
        assertThat(Harness.params(false, "- list:\n    elements:\n    - {cluster: cluster, url: url, values: {foo: bar}}"))
                .containsExactly(Map.of("cluster", "cluster", "url", "url", "values.foo", "bar"));
    }

    @Test
    void listElementsGoTemplate() {
        assertThat(Harness.params(true, "- list:\n    elements:\n    - {cluster: cluster, url: url, values: {foo: bar}}"))
                .containsExactly(Map.of("cluster", "cluster", "url", "url", "values", Map.of("foo", "bar")));
    }

    @Test
    void listElementsYamlAppendsAfterElements() {
        String generator = "- list:\n    elements:\n    - {cluster: a}\n    elementsYaml: |\n      - cluster: b\n        replicas: 2\n";
        assertThat(Harness.params(true, generator)).containsExactly(Map.of("cluster", "a"),
                Map.of("cluster", "b", "replicas", 2.0));
    }

    @Test
    void fasttemplateListRefusesNonStringValues() {
        assertThatThrownBy(() -> Harness.params(false, "- list:\n    elements:\n    - {cluster: a, replicas: 3}"))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("spec.generators[0].list.elements[0].replicas")
                .hasMessageContaining("goTemplate: true");
    }

    // --- clusters ---

    private static List<Map<String, Object>> clusters(boolean goTemplate, String spec) {
        return Harness.params(goTemplate, "- clusters:\n" + spec.indent(4), CLUSTERS, InMemoryRepository.withDirectories());
    }

    @Test
    void noSelectorGivesEveryClusterAndTheLocalOneLast() {
        List<Map<String, Object>> params = clusters(false, """
                values:
                  lol1: lol
                  lol2: '{{values.lol1}}{{values.lol1}}'
                  foo: bar
                  bar: '{{ metadata.annotations.foo.argoproj.io }}'
                  bat: '{{ metadata.labels.environment }}'
                  aaa: '{{ server }}'
                  no-op: '{{ this-does-not-exist }}'
                """);
        assertThat(params).hasSize(3);
        assertThat(params.get(0)).isEqualTo(Map.ofEntries(Map.entry("values.lol1", "lol"),
                Map.entry("values.lol2", "{{values.lol1}}{{values.lol1}}"), Map.entry("values.foo", "bar"),
                Map.entry("values.bar", "staging"), Map.entry("values.bat", "staging"),
                Map.entry("values.aaa", "https://staging-01.example.com"),
                Map.entry("values.no-op", "{{ this-does-not-exist }}"), Map.entry("name", "staging-01"),
                Map.entry("nameNormalized", "staging-01"), Map.entry("server", "https://staging-01.example.com"),
                Map.entry("project", ""), Map.entry("metadata.labels.environment", "staging"),
                Map.entry("metadata.labels.org", "foo"), Map.entry("metadata.labels.argocd.argoproj.io/secret-type", "cluster"),
                Map.entry("metadata.annotations.foo.argoproj.io", "staging")));
        assertThat(params.get(1)).containsEntry("name", "production_01/west")
                .containsEntry("nameNormalized", "production-01-west").containsEntry("project", "prod-project")
                .containsEntry("values.bar", "production");
        assertThat(params.get(2)).isEqualTo(Map.ofEntries(Map.entry("values.lol1", "lol"),
                Map.entry("values.lol2", "{{values.lol1}}{{values.lol1}}"), Map.entry("values.foo", "bar"),
                Map.entry("values.bar", "{{ metadata.annotations.foo.argoproj.io }}"),
                Map.entry("values.bat", "{{ metadata.labels.environment }}"),
                Map.entry("values.aaa", "https://kubernetes.default.svc"),
                Map.entry("values.no-op", "{{ this-does-not-exist }}"), Map.entry("name", "in-cluster"),
                Map.entry("nameNormalized", "in-cluster"), Map.entry("server", "https://kubernetes.default.svc"),
                Map.entry("project", "")));
    }

    @Test
    void selectorsChooseClustersAndDropTheLocalOne() {
        assertThat(clusters(false, "selector:\n  matchLabels:\n    argocd.argoproj.io/secret-type: cluster\n"))
                .extracting(p -> p.get("name")).containsExactly("staging-01", "production_01/west");
        assertThat(clusters(false, "selector:\n  matchLabels:\n    environment: production\nvalues:\n  foo: bar\n"))
                .extracting(p -> p.get("name")).containsExactly("production_01/west");
        assertThat(clusters(false, "selector:\n  matchExpressions:\n  - {key: environment, operator: In, values: [production, staging]}\n"))
                .extracting(p -> p.get("name")).containsExactly("staging-01", "production_01/west");
        assertThat(clusters(false, """
                selector:
                  matchLabels: {org: foo}
                  matchExpressions:
                  - {key: environment, operator: In, values: [production, staging]}
                values:
                  name: baz
                """)).singleElement().satisfies(p -> assertThat(p).containsEntry("name", "staging-01")
                        .containsEntry("values.name", "baz"));
    }

    @Test
    void flatListGivesOneSetWithAllClusters() {
        List<Map<String, Object>> params = clusters(true, "flatList: true\nselector:\n  matchLabels: {org: foo}\n");
        assertThat(params).hasSize(1);
        assertThat((List<?>) params.get(0).get("clusters")).hasSize(1);
    }

    @Test
    void goTemplateGivesMetadataAsMaps() {
        List<Map<String, Object>> params = clusters(true, """
                values:
                  env: '{{ .metadata.labels.environment }}'
                  server: '{{ .server }}'
                """);
        assertThat(params.get(0)).containsEntry("metadata", Map.of("labels", STAGING.labels(),
                "annotations", STAGING.annotations())).containsEntry("values", Map.of("env", "staging",
                        "server", "https://staging-01.example.com"));
        assertThat(params.get(2)).containsEntry("name", "in-cluster")
                .containsEntry("values", Map.of("env", "<no value>", "server", "https://kubernetes.default.svc"))
                .doesNotContainKey("metadata");
    }

    @Test
    void anExplicitLocalClusterIsNotAddedTwice() {
        Cluster local = Cluster.of("in-cluster", Cluster.IN_CLUSTER_SERVER, Map.of("env", "dev"));
        List<Map<String, Object>> params = Harness.params(false, "- clusters: {}", List.of(local, STAGING),
                InMemoryRepository.withDirectories());
        assertThat(params).extracting(p -> p.get("name")).containsExactly("in-cluster", "staging-01");
    }
}
