package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The matrix and merge generators, with the cases of Argo CD's matrix_test.go and merge_test.go as our own. */
class MatrixMergeGeneratorTest {

    private static final InMemoryRepository APPS = InMemoryRepository.withDirectories("app1", "app2");

    private static List<Map<String, Object>> run(boolean goTemplate, String generator) {
        return Harness.params(goTemplate, generator, CLUSTERS, APPS);
    }

    private static final List<Cluster> CLUSTERS = List.of(
            Cluster.of("dev-01", "https://dev-01.example.com", Map.of("environment", "dev")),
            Cluster.of("prod-01", "https://prod-01.example.com", Map.of("environment", "prod")));

    @Test
    void gitTimesListWithTheSecondUsingTheFirstsParameters() {
        String generator = """
                - matrix:
                    generators:
                    - git:
                        repoURL: https://example.com/apps.git
                        revision: main
                        directories: [{path: '*'}]
                    - list:
                        elements:
                        - {cluster: Cluster, url: Url, templated: 'test-{{path.basenameNormalized}}'}
                """;
        assertThat(run(false, generator)).containsExactly(
                Map.of("path", "app1", "path.basename", "app1", "path.basenameNormalized", "app1", "path[0]", "app1",
                        "cluster", "Cluster", "url", "Url", "templated", "test-app1"),
                Map.of("path", "app2", "path.basename", "app2", "path.basenameNormalized", "app2", "path[0]", "app2",
                        "cluster", "Cluster", "url", "Url", "templated", "test-app2"));
    }

    @Test
    void twoLists() {
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{a: '1'}, {a: '2'}]}
                    - list: {elements: [{b: '1'}, {b: '2'}]}
                """;
        assertThat(run(false, generator)).containsExactly(Map.of("a", "1", "b", "1"), Map.of("a", "1", "b", "2"),
                Map.of("a", "2", "b", "1"), Map.of("a", "2", "b", "2"));
    }

    @Test
    void exactlyTwoChildrenWithOneGeneratorEach() {
        assertThatThrownBy(() -> run(false, "- matrix:\n    generators:\n    - list: {elements: [{a: '1'}]}\n"))
                .hasMessageContaining("found less than two generators, Matrix support only two");
        assertThatThrownBy(() -> run(false, "- matrix:\n    generators:\n    - list: {elements: [{a: '1'}]}\n"
                + "    - list: {elements: [{a: '1'}]}\n    - list: {elements: [{a: '1'}]}\n"))
                .hasMessageContaining("found more than two generators, Matrix support only two");
        assertThatThrownBy(() -> run(false, "- matrix:\n    generators:\n    - list: {elements: [{a: '1'}]}\n"
                + "      clusters: {}\n    - list: {elements: [{b: '1'}]}\n"))
                .hasMessageContaining("spec.generators[0].matrix.generators[0]")
                .hasMessageContaining("more than one generator");
    }

    @Test
    void clustersSelectorInterpolatedFromTheFirstChild() {
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{env: dev}, {env: prod}]}
                    - clusters:
                        selector:
                          matchLabels:
                            environment: '{{env}}'
                """;
        assertThat(run(false, generator)).extracting(p -> p.get("env") + "/" + p.get("name"))
                .containsExactly("dev/dev-01", "prod/prod-01");
    }

    @Test
    void goTemplateMatrixMergesNestedParametersFirstChildWinning() {
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{env: dev, values: {a: first}}]}
                    - list: {elements: [{name: '{{ .env }}-x', values: {a: second, b: second}}]}
                """;
        assertThat(run(true, generator)).containsExactly(Map.of("env", "dev", "name", "dev-x",
                "values", Map.of("a", "first", "b", "second")));
    }

    @Test
    void fasttemplateMatrixRefusesConflictingKeys() {
        assertThatThrownBy(() -> run(false, "- matrix:\n    generators:\n    - list: {elements: [{a: '1'}]}\n"
                + "    - list: {elements: [{a: '2'}]}\n"))
                .hasMessageContaining("found duplicate key a with different value, a: 1 ,b: 2");
    }

    @Test
    void clusterValuesFromTheFirstGeneratorAreResolvedAndOwnParametersLater() {
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{env: dev}]}
                    - clusters:
                        selector: {matchLabels: {environment: '{{ .env }}'}}
                        values:
                          fromFirst: '{{ .env }}'
                          fromOwn: '{{ .name }}'
                """;
        assertThat(run(true, generator)).singleElement().satisfies(p -> assertThat(p.get("values"))
                .isEqualTo(Map.of("fromFirst", "dev", "fromOwn", "dev-01")));
    }

    @Test
    void elementsYamlRenderedFromTheFirstChild() {
        InMemoryRepository repo = new InMemoryRepository().file("envs/config.yaml",
                "environments:\n- {name: dev, replicas: 1}\n- {name: prod, replicas: 3}\n");
        String generator = """
                - matrix:
                    generators:
                    - git:
                        repoURL: https://example.com/config.git
                        files: [{path: envs/config.yaml}]
                    - list:
                        elementsYaml: '{{ .environments | toJson }}'
                """;
        List<Map<String, Object>> params = Harness.params(true, generator, List.of(), repo);
        assertThat(params).extracting(p -> p.get("name") + ":" + p.get("replicas")).containsExactly("dev:1.0", "prod:3.0");
    }

    // --- merge ---

    @Test
    void mergeOverridesByKeyAndIgnoresUnmatched() {
        String generator = """
                - merge:
                    mergeKeys: [b]
                    generators:
                    - list: {elements: [{a: '1_1', b: same, c: '1_3'}]}
                    - list: {elements: [{a: '2_1', b: same}]}
                    - list: {elements: [{a: '3_1', b: different, c: '3_3'}]}
                """;
        assertThat(run(false, generator)).containsExactly(Map.of("a", "2_1", "b", "same", "c", "1_3"));
    }

    @Test
    void mergeWithAbsentKeys() {
        assertThat(run(false, "- merge:\n    mergeKeys: [b]\n    generators:\n    - list: {elements: [{a: a}]}\n"
                + "    - list: {elements: [{a: a}]}\n")).containsExactly(Map.of("a", "a"));
        assertThat(run(false, "- merge:\n    mergeKeys: [b]\n    generators:\n    - list: {elements: [{a: a}]}\n"
                + "    - list: {elements: [{b: b}]}\n")).containsExactly(Map.of("a", "a"));
    }

    @Test
    void mergeOfANestedMatrix() {
        String generator = """
                - merge:
                    mergeKeys: [a, b]
                    generators:
                    - matrix:
                        generators:
                        - list: {elements: [{a: '1'}, {a: '2'}]}
                        - list: {elements: [{b: '1'}, {b: '2'}]}
                    - list: {elements: [{a: '1', b: '1', c: added}]}
                """;
        assertThat(run(false, generator)).containsExactly(Map.of("a", "1", "b", "1", "c", "added"),
                Map.of("a", "1", "b", "2"), Map.of("a", "2", "b", "1"), Map.of("a", "2", "b", "2"));
    }

    @Test
    void mergeOfANestedMerge() {
        String generator = """
                - merge:
                    mergeKeys: [a, b]
                    generators:
                    - merge:
                        mergeKeys: [a]
                        generators:
                        - list: {elements: [{a: '1', b: '1'}, {a: '2', b: '2'}]}
                        - list: {elements: [{a: '1', b: '3', c: added}, {a: '3', b: '2'}]}
                    - list: {elements: [{a: '1', b: '3', d: added}]}
                """;
        assertThat(run(false, generator)).containsExactly(Map.of("a", "1", "b", "3", "c", "added", "d", "added"),
                Map.of("a", "2", "b", "2"));
    }

    @Test
    void mergeNeedsTwoGeneratorsKeysAndUniqueSets() {
        assertThatThrownBy(() -> run(false, "- merge:\n    mergeKeys: [b]\n    generators:\n    - list: {elements: [{a: a}]}\n"))
                .hasMessageContaining("found less than two generators, Merge requires two or more");
        assertThatThrownBy(() -> run(false, "- merge:\n    generators:\n    - list: {elements: [{a: a}]}\n"
                + "    - list: {elements: [{a: a}]}\n"))
                .hasMessageContaining("no merge keys were specified");
        assertThatThrownBy(() -> run(false, "- merge:\n    mergeKeys: [a]\n    generators:\n"
                + "    - list: {elements: [{a: x, b: '1'}, {a: x, b: '2'}]}\n    - list: {elements: [{a: x}]}\n"))
                .hasMessageContaining("not unique by the given mergeKeys")
                .hasMessageContaining("Duplicate key was {\"a\":\"x\"}")
                .hasMessageContaining("spec.generators[0].merge.generators[0]");
    }

    @Test
    void nestingIsBounded() {
        String deep = """
                - matrix:
                    generators:
                    - matrix:
                        generators:
                        - matrix:
                            generators:
                            - list: {elements: [{a: '1'}]}
                            - list: {elements: [{b: '1'}]}
                        - list: {elements: [{c: '1'}]}
                    - list: {elements: [{d: '1'}]}
                """;
        assertThatThrownBy(() -> run(false, deep))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("spec.generators[0].matrix.generators[0].matrix.generators[0].matrix")
                .hasMessageContaining("nest more than 2 deep");
    }
}
