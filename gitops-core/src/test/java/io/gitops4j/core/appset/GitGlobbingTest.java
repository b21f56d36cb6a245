package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * File patterns of the git generator in both of Argo CD's globbing modes, with the cases of
 * TestGitGeneratorParamsFromFilesWithExcludeOption{With,}{New,Old}Globbing and the example of Argo
 * CD's "Git File Generator Globbing" page as our own.
 */
class GitGlobbingTest {

    private static final InMemoryRepository CHARTS = new InMemoryRepository()
            .file("cluster-charts/cluster1/mychart/values.yaml", "a: '1'")
            .file("cluster-charts/cluster1/mychart/charts/mysubchart/values.yaml", "a: '2'")
            .file("cluster-charts/cluster1/myotherchart/values.yaml", "a: '3'")
            .file("cluster-charts/cluster2/values.yaml", "a: '4'");

    private static List<Object> paths(boolean newGlobbing, String files, InMemoryRepository repo) {
        String generator = "- git:\n    repoURL: https://example.com/r.git\n    files:\n" + files.indent(4);
        ApplicationSet set = ApplicationSets.readOne(Harness.appSet(false, generator).replace("name: app", "name: '{{a}}'"), "a.yaml");
        return ApplicationSetGenerator.builder().repositories(repo).newGitFileGlobbing(newGlobbing).build().generate(set)
                .stream().map(a -> a.parameters().get("path")).map(Object.class::cast).toList();
    }

    @Test
    void newGlobbingSolvesTheDocumentedProblem() {
        String files = "- path: cluster-charts/*/*/values.yaml\n- path: cluster-charts/*/values.yaml\n  exclude: true";
        assertThat(paths(true, files, CHARTS)).containsExactly("cluster-charts/cluster1/mychart",
                "cluster-charts/cluster1/myotherchart");
        // with git ls-files pathspecs '*' crosses '/': the exclude removes everything
        assertThat(paths(false, files, CHARTS)).isEmpty();
        assertThat(paths(false, "- path: cluster-charts/*/*/values.yaml", CHARTS)).containsExactly(
                "cluster-charts/cluster1/mychart/charts/mysubchart", "cluster-charts/cluster1/mychart",
                "cluster-charts/cluster1/myotherchart");
    }

    @Test
    void excludeByDoubleStarInBothModes() {
        InMemoryRepository repo = new InMemoryRepository()
                .file("cluster-config/production/config.json", "{\"a\": \"prod\"}")
                .file("p1/config.json", "{\"a\": \"p1\"}")
                .file("p1/p2/config.json", "");
        String files = "- path: '**/config.json'\n- path: 'p1/**/config.json'\n  exclude: true";
        assertThat(paths(true, files, repo)).containsExactly("cluster-config/production");
        // a git pathspec has no '**': 'p1/**/config.json' needs a directory between p1 and config.json
        assertThat(paths(false, files, repo)).containsExactly("cluster-config/production", "p1");
    }

    @Test
    void severalExcludes() {
        InMemoryRepository repo = new InMemoryRepository()
                .file("p1/config.json", "{\"a\": \"p1\"}")
                .file("p1/app2/config.json", "{}")
                .file("p1/app3/config.json", "{}");
        for (boolean newGlobbing : List.of(true, false)) {
            assertThat(paths(newGlobbing, "- path: '**/config.json'\n- path: p1/app2/config.json\n  exclude: true\n"
                    + "- path: p1/app3/config.json\n  exclude: true", repo)).containsExactly("p1");
        }
    }

    @Test
    void docsExampleExcludingDevelopment() {
        InMemoryRepository repo = new InMemoryRepository()
                .file("cluster-config/engineering/prod/config.json", "{\"a\": \"production\"}")
                .file("cluster-config/engineering/dev/config.json", "{\"a\": \"staging\"}");
        for (boolean newGlobbing : List.of(true, false)) {
            assertThat(paths(newGlobbing, "- path: cluster-config/**/config.json\n- path: cluster-config/*/dev/config.json\n"
                    + "  exclude: true", repo)).containsExactly("cluster-config/engineering/prod");
        }
    }

    @Test
    void starWithinADirectoryWithNewGlobbing() {
        InMemoryRepository repo = new InMemoryRepository()
                .file("some-path/production.yaml", "a: production")
                .file("some-path/staging.yaml", "a: staging")
                .file("some-path/nested/other.yaml", "a: other");
        assertThat(paths(true, "- path: some-path/*.yaml", repo)).containsExactly("some-path", "some-path");
        assertThat(paths(false, "- path: some-path/*.yaml", repo)).hasSize(3);
        assertThat(paths(true, "- path: 'some-path/{production,staging}.yaml'", repo)).hasSize(2);
        assertThat(paths(false, "- path: some-path", repo)).as("a plain path names a directory").hasSize(3);
    }

    @Test
    void directoriesUseGoPathMatch() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("apps/a1", "apps/b2", "apps/a1/deep");
        String generator = "- git:\n    repoURL: https://example.com/r.git\n    directories:\n    - path: 'apps/[a-z]?'\n";
        assertThat(Harness.params(false, generator, List.of(), repo)).extracting(p -> p.get("path"))
                .containsExactly("apps/a1", "apps/b2");
        String escaped = "- git:\n    repoURL: https://example.com/r.git\n    directories:\n    - path: 'apps/[a'\n";
        assertThat(Harness.params(false, escaped, List.of(), repo)).as("a malformed pattern matches nothing").isEmpty();
        assertThat(Map.of()).isEmpty();
    }
}
