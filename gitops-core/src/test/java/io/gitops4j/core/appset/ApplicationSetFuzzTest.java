package io.gitops4j.core.appset;

import io.gitops4j.core.appset.gotemplate.GoTemplate;
import io.gitops4j.diff.fuzz.FuzzRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated ApplicationSets and Go templates generate Applications or fail with a
 * {@code GitOpsException}, never another exception, a hang or an {@code Error}.
 */
class ApplicationSetFuzzTest {

    private static final String ALPHABET = " \t\n:-[]{},'\"|.$()*?0123456789abenv{}/\\";
    private static final String[] TOKENS = {"{{", "}}", "{{-", "-}}", "{{ .", "{{ end }}", "{{ if .a }}", "{{ else }}",
        "{{ range . }}", "{{ range $i, $v := .x }}", "{{ with .b }}", "$", "$x := ", "|", "(", ")", ".a.b.c", "index",
        " default \"d\" ", " toJson ", " quote ", " trunc -3 ", " replace \"a\" \"b\" ", " normalize ", " lower ",
        " printf \"%s%d\" ", " eq ", " and ", " or ", " not ", " len ", "\"", "`", "'x'", "/*", "*/", "nil", "0x1F",
        "1e400", "-", "{{ break }}", "{{ continue }}", "{{ toYaml . }}", "{{ fromYaml .y }}", "{{ .missing.deeper }}"};
    private static final String[] GENERATORS = {
        "- list: {elements: [{a: x, b: '1', y: 'k: v'}, {a: y, b: '2', y: '- 1'}]}",
        "- list: {elementsYaml: '- {a: q}'}",
        "- clusters: {selector: {matchLabels: {env: prod}}, values: {v: '{{name}}'}}",
        "- clusters: {}",
        "- git: {repoURL: 'https://example.com/r.git', directories: [{path: '*'}, {path: 'b/*', exclude: true}]}",
        "- git: {repoURL: 'https://example.com/r.git', files: [{path: '**/c.json'}], pathParamPrefix: p}",
        "- matrix: {generators: [{list: {elements: [{a: '1'}]}}, {list: {elements: [{b: '{{a}}'}]}}]}",
        "- merge: {mergeKeys: [a], generators: [{list: {elements: [{a: '1'}]}}, {list: {elements: [{a: '1', c: d}]}}]}",
    };

    private static final InMemoryRepository REPO = new InMemoryRepository()
            .file("a/c.json", "{\"a\": \"x\", \"n\": 3, \"l\": [1, {\"k\": null}]}")
            .file("b/x/c.json", "[{\"a\": \"y\"}, {}]")
            .file("b/c.json", "");

    @Test
    void applicationSetsGenerateOrFailWithAGitOpsException() {
        ApplicationSetGenerator generator = ApplicationSetGenerator.builder()
                .clusters(List.of(Cluster.of("prod", "https://prod", Map.of("env", "prod"))))
                .repositories(REPO)
                .limits(GenerationLimits.defaults().withMaxParameterSets(200).withMaxTemplateOutput(10_000))
                .build();
        FuzzRun.run("applicationset", 1500, 16L, ApplicationSetFuzzTest::applicationSet,
                yaml -> generator.generate(ApplicationSets.readOne(yaml, "fuzz.yaml")));
    }

    @Test
    void goTemplatesRenderOrFailWithAGitOpsException() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("a", "value");
        data.put("n", 3.0);
        data.put("x", List.of("p", 1.5, Map.of("k", "v")));
        data.put("b", Map.of("c", List.of()));
        data.put("y", "k: [1, 2]");
        data.put("nil", null);
        GoTemplate.Options options = new GoTemplate.Options(false, 100_000, 100_000);
        FuzzRun.run("gotemplate", 3000, 17L, ApplicationSetFuzzTest::template,
                text -> GoTemplate.parse(text, "fuzz").execute(data, options));
    }

    private static String template(Random random) {
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            out.append(random.nextInt(3) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                    : TOKENS[random.nextInt(TOKENS.length)]);
        }
        return out.toString();
    }

    private static String applicationSet(Random random) {
        boolean go = random.nextBoolean();
        String name = go ? "'{{ .a | default \"n\" | normalize }}-{{ .b | default \"x\" }}'" : "'{{a}}-{{b}}'";
        if (random.nextInt(4) == 0) {
            name = "'" + template(random).replace("'", "''") + "'";
        }
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: fuzz
                spec:
                  goTemplate: %s
                  generators:
                  %s
                  template:
                    metadata:
                      name: %s
                    spec:
                      project: default
                      source: {repoURL: 'https://example.com/r.git', path: '{{path}}'}
                      destination: {namespace: x}
                """.formatted(go, GENERATORS[random.nextInt(GENERATORS.length)], name);
        if (random.nextInt(3) == 0) {
            yaml = yaml.replace("  template:", "  templatePatch: '" + template(random).replace("'", "''")
                    + "'\n  template:");
        }
        StringBuilder mutated = new StringBuilder(yaml);
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> mutated.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return mutated.toString();
    }
}
