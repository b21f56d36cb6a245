package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rendering an Application from the template, with the cases of Argo CD's
 * TestRenderTemplateParams, TestRenderTemplateKeys, TestRenderTemplateParamsFinalizers,
 * TestRenderHelmValuesObject* and Test_ApplyTemplatePatch as our own.
 */
class TemplateRenderingTest {

    private static String set(boolean goTemplate, String elements, String template, String extra) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: guestbook
                  namespace: argocd
                  uid: 0d9f-11
                spec:
                  goTemplate: %s
                  generators:
                  - list:
                      elements:
                %s
                  template:
                %s
                %s
                """.formatted(goTemplate, elements.indent(6).stripTrailing(), template.indent(4).stripTrailing(),
                extra.indent(2).stripTrailing());
    }

    private static final String TEMPLATE = """
            metadata:
              name: '{{cluster}}-guestbook'
              labels:
                label-key: label-value
              annotations:
                annotation-{{key}}: annotation-{{value}}
            spec:
              project: default
              source:
                repoURL: https://github.com/argoproj/argocd-example-apps.git
                targetRevision: HEAD
                path: '{{path}}'
              destination:
                server: '{{url}}'
                namespace: guestbook
            """;

    private static List<GeneratedApplication> generate(String yaml) {
        return ApplicationSetGenerator.builder().build().generate(ApplicationSets.readOne(yaml, "appset.yaml"));
    }

    private static String path(String value) {
        String yaml = set(false, "- {cluster: c, url: 'https://c', key: k, value: v, one: two}",
                TEMPLATE.replace("'{{path}}'", "'" + value.replace("'", "''") + "'"), "");
        return generate(yaml).get(0).application().source().path();
    }

    @Test
    void fasttemplateSubstitutions() {
        assertThat(path("{{one}}")).isEqualTo("two");
        assertThat(path("{{ one }}")).isEqualTo("two");
        assertThat(path("}} {{")).isEqualTo("}} {{");
        assertThat(path("{{ }}")).isEqualTo("{{ }}");
        assertThat(path("{{ONE}}")).isEqualTo("{{ONE}}");
        assertThat(path("{{one}}{{one}}")).isEqualTo("twotwo");
        assertThat(path("{{one}}{{cluster}}")).isEqualTo("twoc");
        assertThat(path("{{ unknown }}")).isEqualTo("{{ unknown }}");
    }

    @Test
    void fasttemplateUnclosedTagIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> path("{{one}} {{improperly.closed}"))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("ApplicationSet argocd/guestbook")
                .hasMessageContaining("spec.generators[0].list")
                .hasMessageContaining("parameter set 0")
                .hasMessageContaining("template.spec.source.path");
    }

    @Test
    void keysAreRenderedToo() {
        GeneratedApplication app = generate(set(false, "- {cluster: c, url: 'https://c', key: some-key, value: some-value, path: p}",
                TEMPLATE, "")).get(0);
        assertThat(app.manifest().at("/metadata/annotations/annotation-some-key").asText()).isEqualTo("annotation-some-value");
        String go = TEMPLATE.replace("{{key}}", "{{ .key }}").replace("{{value}}", "{{ .value }}")
                .replace("{{cluster}}", "{{ .cluster }}").replace("{{path}}", "{{ .path }}").replace("{{url}}", "{{ .url }}");
        GeneratedApplication goApp = generate(set(true, "- {cluster: c, url: 'https://c', key: some-key, value: some-value, path: p}",
                go, "")).get(0);
        assertThat(goApp.manifest().at("/metadata/annotations/annotation-some-key").asText()).isEqualTo("annotation-some-value");
    }

    @Test
    void ownedBySetInItsNamespaceWithTheResourcesFinalizer() {
        GeneratedApplication app = generate(set(false, "- {cluster: dev, url: 'https://dev', path: guestbook}", TEMPLATE, "")).get(0);
        ObjectNode manifest = app.manifest();
        assertThat(app.name()).isEqualTo("dev-guestbook");
        assertThat(manifest.at("/metadata/namespace").asText()).isEqualTo("argocd");
        assertThat(manifest.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("ApplicationSet");
        assertThat(manifest.at("/metadata/ownerReferences/0/name").asText()).isEqualTo("guestbook");
        assertThat(manifest.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("0d9f-11");
        assertThat(manifest.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
        assertThat(manifest.at("/metadata/finalizers").toString()).isEqualTo("[\"resources-finalizer.argocd.argoproj.io\"]");
        assertThat(manifest.at("/metadata/labels/label-key").asText()).isEqualTo("label-value");
        assertThat(app.application().destination().server()).isEqualTo("https://dev");
    }

    @Test
    void finalizers() {
        String elements = "- {cluster: dev, url: 'https://dev', path: guestbook}";
        String withOwn = TEMPLATE.replace("  labels:", "  finalizers: [existing-finalizer]\n  labels:");
        String preserve = "syncPolicy:\n  preserveResourcesOnDeletion: true";
        assertThat(generate(set(false, elements, withOwn, "")).get(0).manifest().at("/metadata/finalizers").toString())
                .isEqualTo("[\"existing-finalizer\"]");
        assertThat(generate(set(false, elements, TEMPLATE.replace("  labels:", "  finalizers: []\n  labels:"), "")).get(0)
                .manifest().at("/metadata/finalizers").toString()).isEqualTo("[\"resources-finalizer.argocd.argoproj.io\"]");
        assertThat(generate(set(false, elements, TEMPLATE, "syncPolicy: {}")).get(0).manifest().at("/metadata/finalizers")
                .toString()).isEqualTo("[\"resources-finalizer.argocd.argoproj.io\"]");
        assertThat(generate(set(false, elements, TEMPLATE, preserve)).get(0).manifest().has("finalizers")).isFalse();
        assertThat(generate(set(false, elements, TEMPLATE, preserve)).get(0).manifest().path("metadata").has("finalizers"))
                .isFalse();
        assertThat(generate(set(false, elements, withOwn, preserve)).get(0).manifest().at("/metadata/finalizers").toString())
                .isEqualTo("[\"existing-finalizer\"]");
    }

    @Test
    void helmValuesObjectIsRendered() {
        String template = TEMPLATE.replace("    path: '{{path}}'", "    path: '{{path}}'\n    helm:\n      valuesObject:\n        some:\n          string: '{{test}}'");
        GeneratedApplication app = generate(set(false, "- {cluster: c, url: 'https://c', path: p, test: Hello world}",
                template, "")).get(0);
        assertThat(app.manifest().at("/spec/source/helm/valuesObject/some/string").asText()).isEqualTo("Hello world");
    }

    @Test
    void templatePatchJsonAndYamlButNeverTheProject() {
        String elements = "- {cluster: my-cluster, url: 'https://kubernetes.default.svc', path: guestbook}";
        String json = """
                templatePatch: |
                  {"metadata": {"annotations": {"annotation-some-key": "annotation-some-value"}},
                   "spec": {"project": "stolen", "source": {"helm": {"valueFiles": ["values.test.yaml", "values.big.yaml"]}},
                            "syncPolicy": {"automated": {"prune": true}}}}
                """;
        String yaml = """
                templatePatch: |
                  metadata:
                    annotations:
                      annotation-some-key: annotation-some-value
                  spec:
                    project: stolen
                    source:
                      helm:
                        valueFiles:
                          - values.test.yaml
                          - values.big.yaml
                    syncPolicy:
                      automated:
                        prune: true
                """;
        for (String patch : List.of(json, yaml)) {
            GeneratedApplication app = generate(set(false, elements, TEMPLATE, patch)).get(0);
            ObjectNode manifest = app.manifest();
            assertThat(manifest.at("/metadata/annotations/annotation-some-key").asText()).isEqualTo("annotation-some-value");
            assertThat(manifest.at("/spec/source/helm/valueFiles").toString()).isEqualTo("[\"values.test.yaml\",\"values.big.yaml\"]");
            assertThat(manifest.at("/spec/project").asText()).isEqualTo("default");
            assertThat(app.application().automated().prune()).isTrue();
            assertThat(manifest.at("/spec/source/path").asText()).isEqualTo("guestbook");
        }
    }

    @Test
    void goTemplatePatchWithConditions() {
        String go = TEMPLATE.replace("{{key}}", "k").replace("{{value}}", "v").replace("{{cluster}}", "{{ .cluster }}")
                .replace("{{path}}", "{{ .path }}").replace("{{url}}", "{{ .url }}");
        String patch = """
                templatePatch: |
                  {{- if .autoSync }}
                  spec:
                    syncPolicy:
                      automated:
                        prune: {{ .prune }}
                  {{- end }}
                """;
        List<GeneratedApplication> apps = generate(set(true, "- {cluster: a, url: 'https://a', path: p, autoSync: true, prune: true}\n"
                + "- {cluster: b, url: 'https://b', path: p, autoSync: false}", go, patch));
        assertThat(apps.get(0).application().automated().enabled()).isTrue();
        assertThat(apps.get(0).application().automated().prune()).isTrue();
        assertThat(apps.get(1).application().automated().enabled()).isFalse();
    }

    @Test
    void goTemplateErrorNamesGeneratorParameterSetAndField() {
        String go = TEMPLATE.replace("{{key}}", "k").replace("{{value}}", "v").replace("{{cluster}}", "{{ .cluster }}")
                .replace("{{path}}", "{{ .nested.missing }}").replace("{{url}}", "{{ .url }}");
        assertThatThrownBy(() -> generate(set(true, "- {cluster: a, url: 'https://a'}", go,
                "goTemplateOptions: [\"missingkey=error\"]")))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessage("ApplicationSet argocd/guestbook: spec.generators[0].list: parameter set 0 "
                        + "{\"cluster\":\"a\",\"url\":\"https://a\"}: template.spec.source.path: failed to execute go "
                        + "template {{ .nested.missing }}: template: base:1:10: executing \"base\" at <.nested.missing>: "
                        + "map has no entry for key \"nested\"");
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> generate(set(false, "- {cluster: a, url: 'https://a', path: p}\n- {cluster: a, url: 'https://b', path: q}",
                TEMPLATE, "")))
                .hasMessageContaining("generates Application 'a-guestbook' again");
    }

    @Test
    void invalidNamesAreRefusedWithAHint() {
        assertThatThrownBy(() -> generate(set(false, "- {cluster: Prod_EU, url: 'https://a', path: p}", TEMPLATE, "")))
                .hasMessageContaining("template.metadata.name")
                .hasMessageContaining("'Prod_EU-guestbook' is not a valid Application name");
    }

    @Test
    void generatorTemplateOverridesTheSetsTemplate() {
        String yaml = set(false, "- {cluster: a, url: 'https://a', path: p}", TEMPLATE, "").replace(
                "      elements:", "      template:\n        metadata: {}\n        spec:\n          project: special\n      elements:");
        GeneratedApplication app = generate(yaml).get(0);
        assertThat(app.application().project()).isEqualTo("special");
        assertThat(app.application().source().path()).isEqualTo("p");
    }

    @Test
    void noParametersMeansNoRendering() {
        String yaml = set(false, "- {}", TEMPLATE.replace("'{{cluster}}-guestbook'", "plain"), "");
        assertThat(generate(yaml).get(0).application().source().path()).isEqualTo("{{path}}");
    }

    @Test
    void noParametersMeansNoRenderingWithGoTemplatesToo() {
        String go = TEMPLATE.replace("'{{cluster}}-guestbook'", "plain").replace("{{path}}", "{{.data}}");
        assertThat(generate(set(true, "- {}", go, "")).get(0).application().source().path()).isEqualTo("{{.data}}");
    }

    @Test
    void syncPolicyIsRead() {
        ApplicationSet set = ApplicationSets.readOne(set(false, "- {cluster: a}", TEMPLATE,
                "syncPolicy:\n  applicationsSync: create-only\n  preserveResourcesOnDeletion: true"), "a.yaml");
        assertThat(set.syncPolicy()).isEqualTo(new ApplicationSetSyncPolicy(ApplicationsSync.CREATE_ONLY, true));
        assertThat(set.syncPolicy().applicationsSync().allowsUpdate()).isFalse();
        assertThatThrownBy(() -> ApplicationSets.readOne(set(false, "- {cluster: a}", TEMPLATE,
                "syncPolicy:\n  applicationsSync: create-some"), "a.yaml"))
                .hasMessageContaining("a.yaml:1: ApplicationSet guestbook: spec.syncPolicy.applicationsSync")
                .hasMessageContaining("create-some");
    }

    @Test
    void parametersAreKeptWithTheApplication() {
        GeneratedApplication app = generate(set(false, "- {cluster: a, url: 'https://a', path: p}", TEMPLATE, "")).get(0);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("cluster", "a");
        expected.put("url", "https://a");
        expected.put("path", "p");
        assertThat(app.parameters()).isEqualTo(expected);
        assertThat(app.generator()).isEqualTo("spec.generators[0].list");
        assertThat(app.yaml()).contains("kind: Application").contains("name: a-guestbook");
    }
}
