package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A matrix's second child interpolated with the first child's parameters, with the cases of Argo
 * CD's TestRenderGeneratorParams_ValuesInterpolation, TestInterpolateGenerator* and
 * TestValueInterpolation* as our own.
 */
class InterpolationTest {

    private static final List<Cluster> CLUSTERS = List.of(Cluster.of("prod-01", "https://prod", Map.of("env", "prod")));

    private static List<Map<String, Object>> matrix(boolean goTemplate, String options, String values) {
        String first = goTemplate ? "{path: {basename: guestbook}, some: value}" : "{path.basename: guestbook, some: value}";
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [%s]}
                    - clusters:
                        values:
                %s""".formatted(first, values.indent(10));
        String yaml = Harness.appSet(goTemplate, generator);
        if (!options.isEmpty()) {
            yaml = yaml.replace("  goTemplate: true", "  goTemplate: true\n  goTemplateOptions: [" + options + "]");
        }
        ApplicationSet set = ApplicationSets.readOne(yaml, "a.yaml");
        ApplicationSetGenerator generator2 = ApplicationSetGenerator.builder().clusters(CLUSTERS).inClusterDefault(false).build();
        return generator2.generate(set).stream().map(GeneratedApplication::parameters).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> goValues(String options, String values) {
        return (Map<String, Object>) matrix(true, options, values).get(0).get("values");
    }

    @Test
    void crossGeneratorKeyIsResolved() {
        assertThat(goValues("missingkey=error", "env: '{{.path.basename}}'")).isEqualTo(Map.of("env", "guestbook"));
    }

    @Test
    void selfReferentialKeyIsDeferredToTheChildsOwnParameters() {
        assertThat(goValues("missingkey=error", "env: '{{.path.basename}}'\nclusterName: '{{.name}}'"))
                .isEqualTo(Map.of("env", "guestbook", "clusterName", "prod-01"));
        assertThat(goValues("", "env: '{{.path.basename}}'\nclusterName: '{{.name}}'"))
                .isEqualTo(Map.of("env", "guestbook", "clusterName", "prod-01"));
    }

    @Test
    void literalValuesPassThrough() {
        assertThat(goValues("", "static: some-hardcoded-value")).isEqualTo(Map.of("static", "some-hardcoded-value"));
    }

    @Test
    void fasttemplateCrossAndSelfReferences() {
        Map<String, Object> params = matrix(false, "", "env: '{{path.basename}}'\nclusterName: '{{name}}'").get(0);
        assertThat(params).containsEntry("values.env", "guestbook").containsEntry("values.clusterName", "prod-01");
    }

    @Test
    void malformedValueTemplateIsAnError() {
        assertThatThrownBy(() -> goValues("missingkey=error", "bad: '{{.path.basename'"))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("spec.generators[0].matrix.generators[1].clusters.values")
                .hasMessageContaining("failed to pre-resolve values key \"bad\": failed to parse template");
        assertThatThrownBy(() -> goValues("missingkey=error", "bad: '{{mustFromJson \"not-valid-json\"}}'"))
                .hasMessageContaining("failed to pre-resolve values key \"bad\": failed to execute go template");
    }

    @Test
    void interpolatedGitGeneratorReadsTheRevisionAndPathsOfTheFirstChild() {
        InMemoryRepository repo = InMemoryRepository.withDirectories("apps/dev/a", "apps/dev/b", "apps/prod/c");
        String generator = """
                - matrix:
                    generators:
                    - list: {elements: [{env: dev}]}
                    - git:
                        repoURL: https://example.com/apps.git
                        revision: '{{env}}-branch'
                        directories: [{path: 'apps/{{env}}/*'}]
                """;
        assertThat(Harness.params(false, generator, List.of(), repo)).extracting(p -> p.get("path"))
                .containsExactly("apps/dev/a", "apps/dev/b");
    }
}
