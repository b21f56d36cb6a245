package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and mistaken ApplicationSets end in a clear {@link ApplicationSetException}, never a hang or a stack trace of ours. */
class ApplicationSetLimitsTest {

    private static String set(boolean goTemplate, String generators, String name) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: bounded
                spec:
                  goTemplate: %s
                  generators:
                %s
                  template:
                    metadata:
                      name: '%s'
                    spec:
                      project: default
                      source: {repoURL: 'https://example.com/r.git', path: x}
                      destination: {namespace: x}
                """.formatted(goTemplate, generators.indent(2).stripTrailing(), name);
    }

    private static List<GeneratedApplication> generate(GenerationLimits limits, RepositoryFiles repo, String yaml) {
        return ApplicationSetGenerator.builder().limits(limits).repositories(repo).build()
                .generate(ApplicationSets.readOne(yaml, "appset.yaml"));
    }

    private static List<GeneratedApplication> generate(GenerationLimits limits, String yaml) {
        return generate(limits, InMemoryRepository.withDirectories(), yaml);
    }

    @Test
    void parameterSetsPerGeneratorAreBounded() {
        String list = "- list:\n    elements: [{n: a}, {n: b}, {n: c}, {n: d}]";
        assertThat(generate(GenerationLimits.defaults().withMaxParameterSets(4), set(false, list, "{{n}}"))).hasSize(4);
        assertThatThrownBy(() -> generate(GenerationLimits.defaults().withMaxParameterSets(3), set(false, list, "{{n}}")))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("spec.generators[0].list")
                .hasMessageContaining("more than the limit of 3");
    }

    @Test
    void matrixProductIsBoundedWhileItGrows() {
        String matrix = """
                - matrix:
                    generators:
                    - list: {elements: [{a: '1'}, {a: '2'}, {a: '3'}]}
                    - list: {elements: [{b: '1'}, {b: '2'}, {b: '3'}]}
                """;
        assertThatThrownBy(() -> generate(GenerationLimits.defaults().withMaxParameterSets(5),
                set(false, matrix, "{{a}}-{{b}}")))
                .hasMessageContaining("spec.generators[0].matrix: produces 6 parameter sets, more than the limit of 5");
    }

    @Test
    void applicationsPerSetAreBounded() {
        String two = "- list: {elements: [{n: a}, {n: b}]}\n- list: {elements: [{n: c}, {n: d}]}";
        assertThatThrownBy(() -> generate(GenerationLimits.defaults().withMaxParameterSets(3), set(false, two, "{{n}}")))
                .hasMessageContaining("spec.generators: the set generates more than 3 Applications");
    }

    @Test
    void renderedStringsAreBounded() {
        String big = "x".repeat(500);
        assertThatThrownBy(() -> generate(GenerationLimits.defaults().withMaxTemplateOutput(100),
                set(false, "- list: {elements: [{n: " + big + "}]}", "a{{n}}")))
                .hasMessageContaining("template.metadata.name")
                .hasMessageContaining("more than the limit of 100");
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(),
                set(true, "- list: {elements: [{n: a}]}", "{{ range 100000000 }}x{{ end }}")))
                .hasMessageContaining("template.metadata.name")
                .hasMessageContaining("limit of 1000000 steps");
    }

    @Test
    void filesAreBoundedInNumberAndSize() {
        InMemoryRepository repo = new InMemoryRepository().file("a/config.json", "{\"n\": \"a\"}")
                .file("b/config.json", "{\"n\": \"" + "b".repeat(200) + "\"}");
        String git = "- git:\n    repoURL: https://example.com/c.git\n    files: [{path: '*/config.json'}]";
        assertThatThrownBy(() -> generate(GenerationLimits.defaults().withMaxFiles(1), repo, set(false, git, "{{n}}")))
                .hasMessageContaining("matches more than 1 files");
        assertThatThrownBy(() -> generate(GenerationLimits.defaults().withMaxFileSize(100), repo, set(false, git, "{{n}}")))
                .hasMessageContaining("b/config.json is too large");
    }

    @Test
    void yamlBombsInFilesAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
            }
            bomb.append("]\n");
        }
        InMemoryRepository repo = new InMemoryRepository().file("a/config.yaml", bomb.toString());
        String git = "- git:\n    repoURL: https://example.com/c.git\n    files: [{path: '*/config.yaml'}]";
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(), repo, set(false, git, "x")))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("unable to process file 'a/config.yaml'");
    }

    @Test
    void unsupportedAndUnknownGeneratorsAreNamed() {
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(), set(false, "- pullRequest: {github: {owner: o}}", "x")))
                .hasMessageContaining("spec.generators[0].pullRequest")
                .hasMessageContaining("not supported by GitOps4J");
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(), set(false, "- lists: {elements: []}", "x")))
                .hasMessageContaining("unknown generator 'lists'");
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(), set(false, "- selector: {matchLabels: {a: b}}", "x")))
                .hasMessageContaining("names no generator");
    }

    @Test
    void invalidReadsNameTheFileAndField() {
        assertThatThrownBy(() -> ApplicationSets.readOne(set(false, "- list: {elements: []}", "x")
                .replace("goTemplate: false", "goTemplate: maybe"), "appset.yaml"))
                .hasMessageContaining("appset.yaml:1: ApplicationSet bounded: spec.goTemplate must be true or false");
        assertThatThrownBy(() -> ApplicationSets.readOne(set(false, "- list: {elements: []}", "x")
                .replace("  generators:\n  - list: {elements: []}\n", "  generators: []\n"), "appset.yaml"))
                .hasMessageContaining("spec.generators must list at least one generator");
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(), set(true, "- list: {elements: [{n: a}]}", "x")
                .replace("goTemplate: true", "goTemplate: true\n  goTemplateOptions: [missingkey=maybe]")))
                .hasMessageContaining("spec.goTemplateOptions")
                .hasMessageContaining("missingkey=maybe");
    }

    @Test
    void everySpecFieldOfTheCrdIsAcceptedAndOthersAreNamed() {
        String base = set(false, "- list: {elements: [{n: a}]}", "{{n}}");
        for (String field : List.of("applyNestedSelectors: true", "preservedFields: {annotations: [a]}",
                "ignoreApplicationDifferences: [{jsonPointers: [/spec/source/targetRevision]}]",
                "strategy: {type: RollingSync, rollingSync: {steps: []}}")) {
            assertThat(generate(GenerationLimits.defaults(), base.replace("  goTemplate:", "  " + field + "\n  goTemplate:")))
                    .hasSize(1);
        }
        assertThatThrownBy(() -> ApplicationSets.readOne(base.replace("  goTemplate:", "  generator: []\n  goTemplate:"),
                "appset.yaml")).hasMessageContaining("spec.generator is not an ApplicationSet field");
    }

    @Test
    void goTemplateParseErrorsNameTheField() {
        assertThatThrownBy(() -> generate(GenerationLimits.defaults(), set(true, "- list: {elements: [{n: a}]}",
                "{{ .n | nosuchfunction }}")))
                .hasMessageContaining("template.metadata.name: failed to parse template {{ .n | nosuchfunction }}: "
                        + "template: base:1: function \"nosuchfunction\" not defined");
    }
}
