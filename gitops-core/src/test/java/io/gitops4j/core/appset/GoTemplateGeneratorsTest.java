package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generators with {@code goTemplate: true}, with the cases of Argo CD's
 * TestGenerateParamsGoTemplate, TestGitGenerateParamsFrom{Directories,Files}GoTemplate and
 * TestMatrixGenerateGoTemplate as our own.
 */
class GoTemplateGeneratorsTest {

    private static final List<Cluster> CLUSTERS = List.of(
            new Cluster("staging-01", "https://staging-01.example.com", "",
                    Map.of("argocd.argoproj.io/secret-type", "cluster", "environment", "staging", "org", "foo"),
                    Map.of("foo.argoproj.io", "staging")),
            new Cluster("production_01/west", "https://production-01.example.com", "",
                    Map.of("argocd.argoproj.io/secret-type", "cluster", "environment", "production", "org", "bar"),
                    Map.of("foo.argoproj.io", "production")));

    @Test
    void clusterValuesSeeParametersButNotOtherValues() {
        List<Map<String, Object>> params = Harness.params(true, """
                - clusters:
                    values:
                      lol1: lol
                      lol2: '{{ .values.lol1 }}{{ .values.lol1 }}'
                      foo: bar
                      bar: '{{ if not (empty .metadata) }}{{index .metadata.annotations "foo.argoproj.io" }}{{ end }}'
                      bat: '{{ if not (empty .metadata) }}{{.metadata.labels.environment}}{{ end }}'
                      aaa: '{{ .server }}'
                      no-op: '{{ .thisDoesNotExist }}'
                """, CLUSTERS, InMemoryRepository.withDirectories());
        assertThat(params).hasSize(3);
        assertThat(params.get(1)).isEqualTo(Map.of("name", "production_01/west", "nameNormalized", "production-01-west",
                "server", "https://production-01.example.com", "project", "",
                "metadata", Map.of("labels", CLUSTERS.get(1).labels(), "annotations", CLUSTERS.get(1).annotations()),
                "values", Map.of("lol1", "lol", "lol2", "<no value><no value>", "foo", "bar", "bar", "production",
                        "bat", "production", "aaa", "https://production-01.example.com", "no-op", "<no value>")));
        assertThat(params.get(2)).isEqualTo(Map.of("name", "in-cluster", "nameNormalized", "in-cluster",
                "server", "https://kubernetes.default.svc", "project", "",
                "values", Map.of("lol1", "lol", "lol2", "<no value><no value>", "foo", "bar", "bar", "", "bat", "",
                        "aaa", "https://kubernetes.default.svc", "no-op", "<no value>")));
    }

    @Test
    void clusterSelectorsWithGoTemplates() {
        List<Map<String, Object>> params = Harness.params(true, """
                - clusters:
                    selector:
                      matchExpressions:
                      - {key: environment, operator: In, values: [production, staging]}
                      matchLabels: {org: foo}
                    values:
                      name: baz
                """, CLUSTERS, InMemoryRepository.withDirectories());
        assertThat(params).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("name", "staging-01").containsEntry("values", Map.of("name", "baz")));
    }

    private static String directories(String items, String extra) {
        return "- git:\n    repoURL: https://example.com/apps.git\n" + extra.indent(4) + "    directories:\n" + items.indent(4);
    }

    @Test
    void directoriesFilterAndExcludeWithGoTemplates() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "p1/app2", "p1/p2/app3", "p2/app4");
        assertThat(Harness.params(true, directories("- path: 'p1/*'\n- path: 'p1/*/*'", ""), List.of(), repo))
                .extracting(p -> (Object) ((Map<?, ?>) p.get("path")).get("path"))
                .containsExactly("p1/app2", "p1/p2", "p1/p2/app3");
        assertThat(Harness.params(true, directories("- path: '*'\n- path: '*/*'\n- path: 'p1/*'\n  exclude: true", ""),
                List.of(), repo)).extracting(p -> (Object) ((Map<?, ?>) p.get("path")).get("path"))
                .containsExactly("app1", "p1", "p2", "p2/app4");
    }

    @Test
    void directoryValuesWithGoTemplates() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "p1/app2");
        List<Map<String, Object>> params = Harness.params(true, directories("- path: '*/*'",
                "values:\n  foo: bar\n  aaa: '{{ index .path.segments 0 }}'\n  no-op: '{{ .thisDoesNotExist }}'"),
                List.of(), repo);
        assertThat(params).singleElement().satisfies(p -> assertThat(p.get("values"))
                .isEqualTo(Map.of("foo", "bar", "aaa", "p1", "no-op", "<no value>")));
    }

    @Test
    void filesWithGoTemplatesKeepTypesAndArrays() {
        InMemoryRepository repo = new InMemoryRepository()
                .file("cluster-config/production/config.json", "[{\"cluster\": {\"name\": \"production\", \"inner\": {\"one\": \"two\"}}},"
                        + " {\"cluster\": {\"name\": \"staging\"}}]")
                .file("cluster-config/qa/config.yaml", "cluster:\n  name: qa\n  replicas: 2\n  enabled: true\n");
        List<Map<String, Object>> params = Harness.params(true,
                "- git:\n    repoURL: https://example.com/c.git\n    files:\n    - path: '**/config.*'\n    values:\n"
                        + "      dir: '{{ .path.basename }}'\n", List.of(), repo);
        assertThat(params).hasSize(3);
        assertThat(params.get(0).get("cluster")).isEqualTo(Map.of("name", "production", "inner", Map.of("one", "two")));
        assertThat(params.get(2).get("cluster")).isEqualTo(Map.of("name", "qa", "replicas", 2.0, "enabled", true));
        assertThat(params.get(2).get("values")).isEqualTo(Map.of("dir", "qa"));
    }

    @Test
    void invalidYamlWithGoTemplates() {
        InMemoryRepository repo = new InMemoryRepository().file("a/config.yaml", "key: [unclosed");
        assertThatThrownBy(() -> Harness.params(true, "- git:\n    repoURL: https://example.com/c.git\n    files: [{path: '**/config.yaml'}]\n",
                List.of(), repo)).isInstanceOf(ApplicationSetException.class).hasMessageContaining("a/config.yaml");
    }

    @Test
    void matrixGoTemplateGitTimesList() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "app2");
        String generator = """
                - matrix:
                    generators:
                    - git:
                        repoURL: https://example.com/apps.git
                        directories: [{path: '*'}]
                    - list:
                        elements: [{cluster: Cluster, url: Url, templated: 'test-{{ .path.basenameNormalized }}'}]
                """;
        List<Map<String, Object>> params = Harness.params(true, generator, List.of(), repo);
        assertThat(params).extracting(p -> p.get("templated")).containsExactly("test-app1", "test-app2");
        assertThat(params.get(0)).containsEntry("cluster", "Cluster").containsKey("path");
    }

    @Test
    void matrixGoTemplateFirstChildTakesPrecedenceEvenWithFalse() {
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{booleanFalse: false, booleanTrue: true, stringFalse: 'false', stringTrue: 'true'}]}
                    - list: {elements: [{booleanFalse: true, booleanTrue: false, stringFalse: 'true', stringTrue: 'false'}]}
                """;
        assertThat(Harness.params(true, generator)).containsExactly(Map.of("booleanFalse", false, "booleanTrue", true,
                "stringFalse", "false", "stringTrue", "true"));
    }

    @Test
    void matrixGoTemplateTwoLists() {
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{a: '1'}, {a: '2'}]}
                    - list: {elements: [{b: '1'}, {b: '2'}]}
                """;
        assertThat(Harness.params(true, generator)).containsExactly(Map.of("a", "1", "b", "1"), Map.of("a", "1", "b", "2"),
                Map.of("a", "2", "b", "1"), Map.of("a", "2", "b", "2"));
    }
}
