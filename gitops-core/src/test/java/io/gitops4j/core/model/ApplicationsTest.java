package io.gitops4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationsTest {

    @Test
    void readsAnArgoCdApplicationUnchanged() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  namespace: argocd
                  finalizers:
                  - resources-finalizer.argocd.argoproj.io
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/argoproj/argocd-example-apps.git
                    targetRevision: HEAD
                    path: guestbook
                    directory:
                      recurse: true
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: guestbook
                  syncPolicy:
                    automated:
                      prune: true
                      selfHeal: true
                """, "guestbook.yaml");

        assertThat(app.name()).isEqualTo("guestbook");
        assertThat(app.project()).isEqualTo("default");
        assertThat(app.source()).isEqualTo(new ApplicationSource("https://github.com/argoproj/argocd-example-apps.git",
                "HEAD", "guestbook", new DirectoryOptions(true)));
        assertThat(app.destination()).isEqualTo(
                new ApplicationDestination("https://kubernetes.default.svc", "", "guestbook"));
        assertThat(app.automated()).isEqualTo(new AutomatedSync(true, true, true, false));
    }

    @Test
    void readsIgnoreDifferencesAndRefusesAnInvalidRule() {
        String header = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  ignoreDifferences:
                  - group: apps
                    kind: Deployment
                    jsonPointers: [%s]
                    jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "proxy")']
                    managedFieldsManagers: [kube-controller-manager]
                """;

        Application app = Applications.readOne(header.formatted("/spec/replicas"), "web.yaml");

        assertThat(app.ignoreDifferences()).singleElement().satisfies(rule -> {
            assertThat(rule.group()).isEqualTo("apps");
            assertThat(rule.kind()).isEqualTo("Deployment");
            assertThat(rule.jsonPointers()).containsExactly("/spec/replicas");
            assertThat(rule.jqPathExpressions()).hasSize(1);
            assertThat(rule.managedFieldsManagers()).containsExactly("kube-controller-manager");
        });
        assertThatThrownBy(() -> Applications.readOne(header.formatted("spec/replicas"), "web.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageStartingWith("web.yaml:1: Application web: spec.ignoreDifferences: ignoreDifferences rule apps/Deployment/*/*")
                .hasMessageContaining("invalid JSON pointer 'spec/replicas'");
    }

    @Test
    void defaultsFollowArgoCd() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: minimal}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  destination: {name: in-cluster}
                """, "minimal.yaml");

        assertThat(app.source().targetRevision()).isEqualTo("HEAD");
        assertThat(app.source().path()).isEmpty();
        assertThat(app.project()).isEqualTo("default");
        assertThat(app.destination().effectiveNamespace()).isEqualTo("default");
        assertThat(app.automated().enabled()).isFalse();
    }

    @Test
    void anEmptyAutomatedBlockEnablesAutoSyncWithoutPruneOrSelfHeal() {
        assertThat(automatedOf("automated: {}")).isEqualTo(AutomatedSync.of(false, false));
        assertThat(automatedOf("automated: {enabled: false, prune: true}"))
                .isEqualTo(new AutomatedSync(false, true, false, false));
    }

    @Test
    void otherDocumentsInTheFileAreSkipped() {
        List<Application> apps = Applications.read("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: not-an-app}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: one}
                spec: {source: {repoURL: https://example.com/a.git}}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: two}
                spec: {source: {repoURL: https://example.com/b.git}}
                """, "apps.yaml");

        assertThat(apps).extracting(Application::name).containsExactly("one", "two");
    }

    @Test
    void aMissingRepoUrlNamesTheFileLineAndField() {
        assertThatThrownBy(() -> Applications.read("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: first}
                spec: {source: {repoURL: https://example.com/a.git}}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: broken}
                spec:
                  source: {path: app}
                """, "apps/broken.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("apps/broken.yaml:6: Application broken: spec.source.repoURL is required");
    }

    @Test
    void aBooleanThatIsNotOneIsAnError() {
        assertThatThrownBy(() -> automatedOf("automated: {prune: yes-please}"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("app.yaml:1: Application app: spec.syncPolicy.automated.prune must be true or false, not 'yes-please'");
    }

    @Test
    void multipleSourcesAreRefusedRatherThanHalfDeployed() {
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: multi}
                spec:
                  sources:
                  - {repoURL: https://example.com/a.git}
                  - {repoURL: https://example.com/b.git}
                """, "multi.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("spec.sources (multiple sources) is not supported yet");
    }

    @Test
    void anApplicationNameWithAColonIsRefused() {
        assertThatThrownBy(() -> Application.builder("a:b").repoURL("https://example.com/r.git").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("application name 'a:b' must not contain ':'");
    }

    private static AutomatedSync automatedOf(String automatedLine) {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: app}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  syncPolicy:
                    %s
                """.formatted(automatedLine), "app.yaml").automated();
    }
}
