package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The git generator, with the cases of Argo CD's git_test.go (directories and files, flat and Go template) as our own. */
class GitGeneratorTest {

    private static List<Map<String, Object>> run(boolean goTemplate, String generator, RepositoryFiles repo) {
        return Harness.params(goTemplate, generator, List.of(), repo);
    }

    private static String directories(String items) {
        return """
                - git:
                    repoURL: https://example.com/apps.git
                    revision: main
                    directories:
                %s""".formatted(items.indent(4));
    }

    @Test
    void directoriesHappyFlow() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "app2", "app_3", "p1/app4");
        assertThat(run(false, directories("- path: '*'"), repo)).containsExactly(
                Map.of("path", "app1", "path.basename", "app1", "path.basenameNormalized", "app1", "path[0]", "app1"),
                Map.of("path", "app2", "path.basename", "app2", "path.basenameNormalized", "app2", "path[0]", "app2"),
                Map.of("path", "app_3", "path.basename", "app_3", "path.basenameNormalized", "app-3", "path[0]", "app_3"),
                Map.of("path", "p1", "path.basename", "p1", "path.basenameNormalized", "p1", "path[0]", "p1"));
    }

    @Test
    void directoriesWithPathParamPrefix() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "app_3");
        String generator = directories("- path: '*'").replace("directories:", "pathParamPrefix: myRepo\n    directories:");
        assertThat(run(false, generator, repo)).containsExactly(
                Map.of("myRepo.path", "app1", "myRepo.path.basename", "app1", "myRepo.path.basenameNormalized", "app1",
                        "myRepo.path[0]", "app1"),
                Map.of("myRepo.path", "app_3", "myRepo.path.basename", "app_3", "myRepo.path.basenameNormalized", "app-3",
                        "myRepo.path[0]", "app_3"));
    }

    @Test
    void directoriesFilteredByPaths() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "p1/app2", "p1/p2/app3", "p1/p2/p3/app4");
        assertThat(run(false, directories("- path: 'p1/*'\n- path: 'p1/*/*'"), repo)).containsExactly(
                Map.of("path", "p1/app2", "path.basename", "app2", "path[0]", "p1", "path[1]", "app2",
                        "path.basenameNormalized", "app2"),
                Map.of("path", "p1/p2", "path.basename", "p2", "path[0]", "p1", "path[1]", "p2",
                        "path.basenameNormalized", "p2"),
                Map.of("path", "p1/p2/app3", "path.basename", "app3", "path[0]", "p1", "path[1]", "p2", "path[2]", "app3",
                        "path.basenameNormalized", "app3"),
                Map.of("path", "p1/p2/p3", "path.basename", "p3", "path[0]", "p1", "path[1]", "p2", "path[2]", "p3",
                        "path.basenameNormalized", "p3"));
    }

    @Test
    void excludeWinsWhateverTheOrder() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "app2", "p1/app3", "p2/app3");
        List<String> expected = List.of("app1", "app2", "p1", "p2", "p2/app3");
        for (String items : List.of("- path: 'p1/*'\n  exclude: true\n- path: '*'\n- path: '*/*'",
                "- path: '*'\n- path: '*/*'\n- path: 'p1/*'\n  exclude: true")) {
            assertThat(run(false, directories(items), repo)).extracting(p -> p.get("path")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void valuesAreInterpolatedWithThePathParameters() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "p1/app2");
        String generator = directories("- path: '*'\n- path: '*/*'").replace("directories:",
                "values:\n      foo: bar\n      aaa: '{{ path[0] }}'\n      no-op: '{{ this-does-not-exist }}'\n    directories:");
        List<Map<String, Object>> params = run(false, generator, repo);
        assertThat(params.get(0)).containsEntry("values.foo", "bar").containsEntry("values.aaa", "app1")
                .containsEntry("values.no-op", "{{ this-does-not-exist }}");
        assertThat(params.get(2)).containsEntry("path", "p1/app2").containsEntry("values.aaa", "p1");
    }

    @Test
    void emptyRepositoryGivesNoParameters() {
        assertThat(run(false, directories("- path: '*'"), InMemoryRepository.withDirectories())).isEmpty();
    }

    @Test
    void repositoryErrorNamesTheGenerator() {
        RepositoryFiles failing = (url, revision) -> {
            throw new io.gitops4j.core.git.GitException(url, revision, "revision main not found in " + url, null);
        };
        assertThatThrownBy(() -> run(false, directories("- path: '*'"), failing))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("spec.generators[0].git")
                .hasMessageContaining("cannot read https://example.com/apps.git at 'main'");
    }

    @Test
    void directoriesGoTemplate() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("app1", "p1/app_2");
        List<Map<String, Object>> params = run(true, directories("- path: '*'\n- path: '*/*'"), repo);
        assertThat(params.get(0)).isEqualTo(Map.of("path", Map.of("path", "app1", "basename", "app1",
                "basenameNormalized", "app1", "segments", List.of("app1"))));
        assertThat(params.get(2)).isEqualTo(Map.of("path", Map.of("path", "p1/app_2", "basename", "app_2",
                "basenameNormalized", "app-2", "segments", List.of("p1", "app_2"))));
        String prefixed = directories("- path: '*'").replace("directories:", "pathParamPrefix: myRepo\n    directories:");
        assertThat(run(true, prefixed, repo).get(0)).isEqualTo(Map.of("myRepo", Map.of("path", Map.of("path", "app1",
                "basename", "app1", "basenameNormalized", "app1", "segments", List.of("app1")))));
    }

    private static String files(String items) {
        return """
                - git:
                    repoURL: https://example.com/config.git
                    revision: main
                    files:
                %s""".formatted(items.indent(4));
    }

    private static InMemoryRepository clusterConfig() {
        return new InMemoryRepository()
                .file("cluster-config/production/config.json", """
                        {"cluster": {"owner": "john.doe@example.com", "name": "production",
                         "address": "https://kubernetes.default.svc"},
                         "key1": "val1", "key2": {"key2_1": "val2_1", "key2_2": {"key2_2_1": "val2_2_1"}}, "key3": 123}
                        """)
                .file("cluster-config/staging/config.json", """
                        {"cluster": {"owner": "foo.bar@example.com", "name": "staging",
                         "address": "https://kubernetes.default.svc"}}
                        """);
    }

    @Test
    void filesHappyFlowFlattened() {
        List<Map<String, Object>> params = run(false, files("- path: '**/config.json'"), clusterConfig());
        assertThat(params).containsExactly(
                Map.ofEntries(Map.entry("cluster.owner", "john.doe@example.com"), Map.entry("cluster.name", "production"),
                        Map.entry("cluster.address", "https://kubernetes.default.svc"), Map.entry("key1", "val1"),
                        Map.entry("key2.key2_1", "val2_1"), Map.entry("key2.key2_2.key2_2_1", "val2_2_1"),
                        Map.entry("key3", "123"), Map.entry("path", "cluster-config/production"),
                        Map.entry("path.basename", "production"), Map.entry("path[0]", "cluster-config"),
                        Map.entry("path[1]", "production"), Map.entry("path.basenameNormalized", "production"),
                        Map.entry("path.filename", "config.json"), Map.entry("path.filenameNormalized", "config.json")),
                Map.ofEntries(Map.entry("cluster.owner", "foo.bar@example.com"), Map.entry("cluster.name", "staging"),
                        Map.entry("cluster.address", "https://kubernetes.default.svc"),
                        Map.entry("path", "cluster-config/staging"), Map.entry("path.basename", "staging"),
                        Map.entry("path[0]", "cluster-config"), Map.entry("path[1]", "staging"),
                        Map.entry("path.basenameNormalized", "staging"), Map.entry("path.filename", "config.json"),
                        Map.entry("path.filenameNormalized", "config.json")));
    }

    @Test
    void invalidFileIsAnErrorNamingTheFile() {
        InMemoryRepository repo = new InMemoryRepository().file("cluster-config/production/config.json", "invalid json file");
        assertThatThrownBy(() -> run(false, files("- path: '**/config.json'"), repo))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("unable to process file 'cluster-config/production/config.json'")
                .hasMessageContaining("https://example.com/config.git");
    }

    @Test
    void jsonArrayGivesOneSetPerItem() {
        InMemoryRepository repo = new InMemoryRepository().file("cluster-config/production/config.json", """
                [{"cluster": {"name": "production", "inner": {"one": "two"}}}, {"cluster": {"name": "staging"}}]
                """);
        List<Map<String, Object>> params = run(false, files("- path: '**/config.json'"), repo);
        assertThat(params).hasSize(2);
        assertThat(params.get(0)).containsEntry("cluster.inner.one", "two").containsEntry("path", "cluster-config/production");
        assertThat(params.get(1)).containsEntry("cluster.name", "staging").containsEntry("path", "cluster-config/production");
    }

    @Test
    void yamlFilesAndYamlArrays() {
        InMemoryRepository repo = new InMemoryRepository()
                .file("cluster-config/production/config.yaml", "cluster:\n  owner: john.doe@example.com\n  name: production\n")
                .file("cluster-config/staging/config.yaml", "- cluster:\n    name: staging-a\n- cluster:\n    name: staging-b\n")
                .file("cluster-config/empty/config.yaml", "[]");
        List<Map<String, Object>> params = run(false, files("- path: '**/config.yaml'"), repo);
        assertThat(params).extracting(p -> p.get("cluster.name")).containsExactly("production", "staging-a", "staging-b");
    }

    @Test
    void excludeRemovesMatchedFiles() {
        InMemoryRepository repo = clusterConfig().file("cluster-config/staging/testing/config.json", "{\"a\": \"b\"}");
        List<Map<String, Object>> params = run(false,
                files("- path: 'cluster-config/**/config.json'\n- path: 'cluster-config/staging/**'\n  exclude: true"), repo);
        assertThat(params).extracting(p -> p.get("path")).containsExactly("cluster-config/production");
    }

    @Test
    void gitPathspecStarCrossesDirectoriesButDoublestarDoesNot() {
        InMemoryRepository repo = clusterConfig();
        assertThat(run(false, files("- path: 'cluster-config/*.json'"), repo)).hasSize(2);
        ApplicationSet set = ApplicationSets.readOne(Harness.appSet(false, files("- path: 'cluster-config/*.json'")), "a.yaml");
        List<GeneratedApplication> none = ApplicationSetGenerator.builder().repositories(repo).newGitFileGlobbing(true)
                .build().generate(set);
        assertThat(none).isEmpty();
    }

    @Test
    void filesGoTemplateKeepsStructureAndAddsPathObject() {
        List<Map<String, Object>> params = run(true, files("- path: '**/config.json'"), clusterConfig());
        assertThat(params.get(0)).containsEntry("key3", 123.0).containsEntry("key1", "val1");
        assertThat(params.get(0).get("path")).isEqualTo(Map.of("path", "cluster-config/production",
                "basename", "production", "filename", "config.json", "basenameNormalized", "production",
                "filenameNormalized", "config.json", "segments", List.of("cluster-config", "production")));
        assertThat(params.get(1).get("cluster")).isEqualTo(Map.of("owner", "foo.bar@example.com", "name", "staging",
                "address", "https://kubernetes.default.svc"));
    }

    @Test
    void fileAtTheRootHasDotAsPath() {
        InMemoryRepository repo = new InMemoryRepository().file("config.json", "{\"a\": \"b\"}");
        assertThat(run(false, files("- path: 'config.json'"), repo).get(0))
                .containsEntry("path", ".").containsEntry("path.basename", ".").containsEntry("path.basenameNormalized", "")
                .containsEntry("path[0]", ".").containsEntry("path.filename", "config.json");
    }

    @Test
    void fileValuesAreInterpolatedWithTheFlattenedFile() {
        String generator = files("- path: '**/config.json'").replace("    files:",
                "    values:\n      aaa: '{{ cluster.owner }}'\n      no-op: '{{ this-does-not-exist }}'\n    files:");
        List<Map<String, Object>> params = run(false, generator, clusterConfig());
        assertThat(params).extracting(p -> p.get("values.aaa")).containsExactly("john.doe@example.com", "foo.bar@example.com");
        assertThat(params).extracting(p -> p.get("values.no-op")).containsOnly("{{ this-does-not-exist }}");
        assertThat(params.get(0)).containsEntry("key3", "123").containsEntry("path.filename", "config.json");
    }

    @Test
    void emptyFileGivesOneSetWithPathParametersOnly() {
        InMemoryRepository repo = new InMemoryRepository().file("p1/p2/config.json", "");
        assertThat(run(false, files("- path: '**/config.json'"), repo)).containsExactly(Map.of("path", "p1/p2",
                "path.basename", "p2", "path.basenameNormalized", "p2", "path[0]", "p1", "path[1]", "p2",
                "path.filename", "config.json", "path.filenameNormalized", "config.json"));
    }

    @Test
    void filesWithPathParamPrefix() {
        String generator = files("- path: '**/config.json'").replace("    files:", "    pathParamPrefix: myRepo\n    files:");
        assertThat(run(false, generator, clusterConfig()).get(0)).containsEntry("myRepo.path", "cluster-config/production")
                .containsEntry("myRepo.path.filename", "config.json").containsEntry("myRepo.path[1]", "production")
                .doesNotContainKey("path");
    }
}
