package io.gitops4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.render.SourceType;
import io.gitops4j.render.helm.HelmParameter;
import java.time.Duration;
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
    void readsTheAnnotationsThatSubscribeToNotificationsAndRefusesOneThatIsNotAString() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  annotations:
                    notifications.argoproj.io/subscribe.on-sync-failed.slack: team-a;team-b
                spec:
                  source: {repoURL: https://example.com/repo.git, path: guestbook}
                """, "app.yaml");
        assertThat(app.annotations()).containsExactly(
                java.util.Map.entry("notifications.argoproj.io/subscribe.on-sync-failed.slack", "team-a;team-b"));

        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  annotations:
                    argocd.argoproj.io/sync-wave: 1
                spec:
                  source: {repoURL: https://example.com/repo.git, path: guestbook}
                """, "app.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("app.yaml:1: Application guestbook: metadata.annotations.argocd.argoproj.io/sync-wave must be a "
                        + "string (quote it)");
    }

    @Test
    void readsTheRenderingOptionsWithArgoCdsFieldNames() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec:
                  source:
                    repoURL: https://example.com/repo.git
                    path: overlays/prod
                    kustomize:
                      namePrefix: prod-
                      images: [nginx:1.27, redis=my/redis:7]
                      commonLabels: {team: shop}
                      forceCommonLabels: true
                      replicas: [{name: web, count: 3}, {name: worker, count: "2"}]
                      components: [../../components/metrics]
                      patches:
                      - target: {kind: Deployment}
                        patch: '[{"op": "replace", "path": "/spec/paused", "value": false}]'
                      version: v5.0.0
                """, "shop.yaml");

        var kustomize = app.source().kustomize().orElseThrow();
        assertThat(kustomize.namePrefix()).isEqualTo("prod-");
        assertThat(kustomize.images()).containsExactly("nginx:1.27", "redis=my/redis:7");
        assertThat(kustomize.commonLabels()).containsEntry("team", "shop");
        assertThat(kustomize.forceCommonLabels()).isTrue();
        assertThat(kustomize.replicas()).containsEntry("web", 3L).containsEntry("worker", 2L);
        assertThat(kustomize.components()).containsExactly("../../components/metrics");
        assertThat(kustomize.patches()).hasSize(1);
        assertThat(app.source().renderOptions().explicitType()).contains(SourceType.KUSTOMIZE);
    }

    @Test
    void anOciRepoUrlWithoutAChartIsArgoCdsOciSourceOfAHelmChart() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: nginx}
                spec:
                  source:
                    repoURL: oci://registry-1.docker.io/bitnamicharts/nginx/
                    path: .
                    targetRevision: 15.9.0
                """, "nginx.yaml");

        assertThat(app.source().isHelmChartRepository()).isTrue();
        assertThat(app.source().renderOptions().chart()).contains(
                new io.gitops4j.render.HelmChartSource("oci://registry-1.docker.io/bitnamicharts", "nginx", "15.9.0"));
        ApplicationSource registryOnly = new ApplicationSource("oci://bot:s3cr3t@registry.example.com/", "1.0.0", ".",
                DirectoryOptions.defaults());
        assertThatThrownBy(registryOnly::renderOptions)
                .isInstanceOf(io.gitops4j.render.source.RenderException.class)
                .hasMessage("repoURL oci://***@registry.example.com/ names a registry but no chart in it; write "
                        + "oci://REGISTRY/PATH/CHART (or the chart's name as chart)");
    }

    @Test
    void readsHelmPluginDirectoryAndChartSources() {
        Application helm = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source:
                    repoURL: https://charts.example.com
                    chart: web
                    targetRevision: 1.2.*
                    helm:
                      releaseName: store
                      valueFiles: [values-prod.yaml]
                      ignoreMissingValueFiles: true
                      valuesObject: {replicas: 2}
                      parameters: [{name: image.tag, value: "1.10", forceString: true}]
                      skipCrds: true
                      passCredentials: true
                """, "web.yaml");
        var options = helm.source().helm().orElseThrow();
        assertThat(helm.source().isHelmChartRepository()).isTrue();
        assertThat(helm.source().renderOptions().chart().orElseThrow().version()).isEqualTo("1.2.*");
        assertThat(options.releaseName()).isEqualTo("store");
        assertThat(options.valueFiles()).containsExactly("values-prod.yaml");
        assertThat(options.ignoreMissingValueFiles()).isTrue();
        assertThat(options.valuesObject().orElseThrow().get("replicas").asInt()).isEqualTo(2);
        assertThat(options.parameters()).containsExactly(new HelmParameter("image.tag", "1.10", true));
        assertThat(options.skipCrds()).isTrue();
        assertThat(options.passCredentials()).isTrue();

        Application plugin = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: j}
                spec:
                  source:
                    repoURL: https://example.com/repo.git
                    plugin:
                      name: jsonnet
                      env: [{name: FLAVOUR, value: mint}]
                      parameters: [{name: size, string: xl}, {name: zones, array: [a, b]}]
                    directory: {recurse: true, include: '*.yaml', exclude: '{a.yaml,b.yaml}'}
                """, "j.yaml");
        assertThat(plugin.source().plugin().orElseThrow().env()).containsEntry("FLAVOUR", "mint");
        assertThat(plugin.source().plugin().orElseThrow().parameters())
                .containsEntry("size", "xl").containsEntry("zones_0", "a").containsEntry("zones_1", "b");
        assertThat(plugin.source().directory()).isEqualTo(new DirectoryOptions(true, "*.yaml", "{a.yaml,b.yaml}"));
        assertThatThrownBy(() -> plugin.source().renderOptions().explicitType())
                .hasMessageContaining("multiple source types set ([directory, plugin])");
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
    void readsSyncOptionsRetryAndManagedNamespaceMetadataWithArgoCdsDefaults() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  syncPolicy:
                    syncOptions: [CreateNamespace=true, PruneLast=true]
                    retry:
                      limit: 5
                      backoff: {duration: 10s, maxDuration: 1h30m}
                    managedNamespaceMetadata:
                      labels: {team: payments}
                      annotations: {owner: payments@example.com}
                """, "shop.yaml");

        SyncPolicy policy = app.syncPolicy();
        assertThat(policy.syncOptions()).containsExactly("CreateNamespace=true", "PruneLast=true");
        assertThat(policy.retry()).contains(new RetryPolicy(5, Duration.ofSeconds(10), 2,
                Duration.ofMinutes(90)));
        assertThat(policy.managedNamespaceMetadata().labels()).containsEntry("team", "payments");
        assertThat(policy.managedNamespaceMetadata().annotations()).containsEntry("owner", "payments@example.com");
        assertThat(automatedOf("automated: {prune: true}")).isEqualTo(new AutomatedSync(true, true, false, false));
    }

    @Test
    void anAbsentRetryAndALimitOfZeroDifferAsInArgoCd() {
        SyncPolicy absent = syncPolicyOf("automated: {}");
        SyncPolicy zero = syncPolicyOf("automated: {}\n    retry: {limit: 0}");

        assertThat(absent.retry()).isEmpty();
        assertThat(absent.automatedRetry()).as("Argo CD retries an automated sync 5 times when no retry is given")
                .isEqualTo(RetryPolicy.limit(5));
        assertThat(absent.manualRetry()).isEqualTo(RetryPolicy.NONE);
        assertThat(zero.retry()).contains(RetryPolicy.NONE);
        assertThat(zero.automatedRetry()).isEqualTo(RetryPolicy.NONE);
    }

    private static SyncPolicy syncPolicyOf(String policy) {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: app}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  syncPolicy:
                    %s
                """.formatted(policy), "app.yaml").syncPolicy();
    }

    @Test
    void aRetryDurationThatIsNotOneNamesTheField() {
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: app}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  syncPolicy:
                    retry: {limit: 2, backoff: {duration: five seconds}}
                """, "app.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("app.yaml:1: Application app: spec.syncPolicy.retry.backoff.duration: 'five seconds' is not a "
                        + "duration; write seconds (30) or a Go duration such as 5s, 3m, 1h30m");
    }

    @Test
    void multipleSourcesAreReadWithTheirRefsAndSpecSourceIsIgnoredBesideThem() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: multi}
                spec:
                  source: {repoURL: https://example.com/ignored.git}
                  sources:
                  - repoURL: https://charts.example.com
                    chart: prometheus
                    targetRevision: 15.7.1
                    helm:
                      valueFiles: [$values/charts/prometheus/values.yaml]
                  - repoURL: https://example.com/values.git
                    targetRevision: dev
                    ref: values
                    name: settings
                """, "multi.yaml");

        assertThat(app.hasMultipleSources()).isTrue();
        assertThat(app.sources()).hasSize(2);
        assertThat(app.source()).as("Argo CD's GetSource(): the first of spec.sources").isEqualTo(app.sources().get(0));
        assertThat(app.sources().get(0).chart()).isEqualTo("prometheus");
        assertThat(app.sources().get(0).helm().orElseThrow().valueFiles())
                .containsExactly("$values/charts/prometheus/values.yaml");
        ApplicationSource values = app.sources().get(1);
        assertThat(values.ref()).isEqualTo("values");
        assertThat(values.name()).isEqualTo("settings");
        assertThat(values.targetRevision()).isEqualTo("dev");
        assertThat(values.isRefOnly()).isTrue();
        assertThat(app.allSources()).isEqualTo(app.sources());
    }

    @Test
    void aBadEntryOfSpecSourcesIsNamedByItsIndex() {
        assertThat(Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: multi}
                spec:
                  sources:
                  - {repoURL: https://example.com/a.git}
                  - {repoURL: https://example.com/b.git, helm: {valueFile: [x.yaml]}}
                """, "multi.yaml").warnings()).extracting(ApplicationWarning::message)
                .containsExactly("multi.yaml:7: Application multi: spec.sources[1].helm.valueFile is not a field of an "
                        + "Argo CD Application and is ignored; did you mean spec.sources[1].helm.valueFiles?");
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: multi}
                spec:
                  sources:
                  - {repoURL: https://example.com/a.git, ref: same}
                  - {repoURL: https://example.com/b.git, ref: same}
                """, "multi.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("spec.sources[1].ref 'same' is the ref of another source too");
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: multi}
                spec:
                  sources:
                  - {repoURL: https://example.com/a.git, ref: "../x"}
                """, "multi.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("spec.sources[0].ref '../x' may hold only letters, digits, '_' and '-'");
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: multi}
                spec:
                  sources:
                  - {path: apps}
                """, "multi.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("multi.yaml:1: Application multi: spec.sources[0].repoURL is required");
    }

    @Test
    void anApplicationNameWithAColonIsRefused() {
        assertThatThrownBy(() -> Application.builder("a:b").repoURL("https://example.com/r.git").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("application name 'a:b' must not contain ':'");
    }

    @Test
    void aTypoInAFieldNameIsAWarningNamingFileLineFieldAndWhatItProbablyMeantAndTheAppStillReads() {
        ApplicationDocuments read = Applications.readDocuments("""
                # the shop
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec:
                  source: {repoURL: https://example.com/repo.git, path: shop}
                  destination: {namespace: shop}
                  syncPolicy:
                    automated:
                      prune: true
                      prunee: false
                      selfHeal: true
                """, "shop.yaml");

        Application app = read.applications().get(0);
        assertThat(app.automated()).isEqualTo(new AutomatedSync(true, true, true, false));
        assertThat(app.source().path()).isEqualTo("shop");
        assertThat(read.warnings()).containsExactly(new ApplicationWarning("shop.yaml", 11, "shop",
                "spec.syncPolicy.automated.prunee", java.util.Optional.of("spec.syncPolicy.automated.prune"),
                List.of("allowEmpty", "enabled", "prune", "selfHeal")));
        assertThat(app.warnings()).isEqualTo(read.warnings());
        assertThat(read.warnings().get(0).message()).isEqualTo("shop.yaml:11: Application shop: "
                + "spec.syncPolicy.automated.prunee is not a field of an Argo CD Application and is ignored; "
                + "did you mean spec.syncPolicy.automated.prune?");
    }

    @Test
    void unknownFieldsAreWarnedOfInEveryBlockWithTheLineOfEachAndTheirDocument() {
        List<Application> apps = Applications.read("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: first}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec:
                  sources:
                  - repoURL: https://example.com/repo.git
                    kustomize: {namePrefx: prod-}
                  destinaton: {namespace: shop}
                  syncPolicy:
                    automatd: {prune: true}
                    wibble: 1
                """, "shop.yaml");

        assertThat(apps.get(0).warnings()).isEmpty();
        Application shop = apps.get(1);
        assertThat(shop.warnings()).extracting(ApplicationWarning::message).containsExactly(
                "shop.yaml:14: Application shop: spec.destinaton is not a field of an Argo CD Application and is "
                        + "ignored; did you mean spec.destination?",
                "shop.yaml:16: Application shop: spec.syncPolicy.automatd is not a field of an Argo CD Application "
                        + "and is ignored; did you mean spec.syncPolicy.automated?",
                "shop.yaml:17: Application shop: spec.syncPolicy.wibble is not a field of an Argo CD Application and "
                        + "is ignored (fields at spec.syncPolicy: automated, managedNamespaceMetadata, retry, syncOptions)",
                "shop.yaml:13: Application shop: spec.sources[0].kustomize.namePrefx is not a field of an Argo CD "
                        + "Application and is ignored; did you mean spec.sources[0].kustomize.namePrefix?");
        assertThat(shop.automated()).isEqualTo(AutomatedSync.DISABLED);
        assertThat(shop.destination().namespace()).isEmpty();
        assertThat(shop.source().kustomize().orElseThrow().namePrefix()).isEmpty();
    }

    @Test
    void aWrongTypeForAKnownFieldIsStillAnError() {
        assertThatThrownBy(() -> automatedOf("automated: {prune: 'yes'}"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("app.yaml:1: Application app: spec.syncPolicy.automated.prune must be true or false, not 'yes'");
        assertThatThrownBy(() -> automatedOf("retry: {limit: many}"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("spec.syncPolicy.retry.limit");
        assertThatThrownBy(() -> automatedOf("automated: [prune]"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("app.yaml:1: Application app: spec.syncPolicy.automated must be a mapping");
    }

    @Test
    void anApplicationReadFromAnObjectIsWarnedOfWithoutALine() {
        var object = (com.fasterxml.jackson.databind.node.ObjectNode) io.gitops4j.kube.Yaml.readValue("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop, namespace: argocd}
                spec:
                  source: {repoURL: https://example.com/repo.git, helm: {valueFile: [a.yaml]}}
                """, "x");

        Application app = Applications.fromObject(object, "argocd/shop");

        assertThat(app.warnings()).extracting(ApplicationWarning::message).containsExactly("argocd/shop: Application "
                + "shop: spec.source.helm.valueFile is not a field of an Argo CD Application and is ignored; did you "
                + "mean spec.source.helm.valueFiles?");
    }

    @Test
    void aPluginBlockWithoutANameIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec:
                  source: {repoURL: https://example.com/repo.git, plugin: {}}
                """, "shop.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageStartingWith("shop.yaml:1: Application shop: spec.source.plugin has no name");
    }

    @Test
    void readingAFileReportsTheArgoprojDocumentsItSkipped() {
        ApplicationDocuments read = Applications.readDocuments("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team-a}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: not-argo}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec: {source: {repoURL: https://example.com/repo.git}}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: fleet}
                spec: {generators: []}
                """, "apps.yaml");

        assertThat(read.applications()).extracting(Application::name).containsExactly("shop");
        assertThat(read.skipped()).containsExactly("AppProject team-a (apps.yaml:1)", "ApplicationSet fleet (apps.yaml:14)");
    }

    @Test
    void anotherArgoprojKindIsNamedWhenAnApplicationWasExpected() {
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: fleet}
                spec: {generators: []}
                """, "fleet.yaml"))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessage("fleet.yaml: expected one argoproj.io Application, found 0 (also ApplicationSet fleet (fleet.yaml:1), "
                        + "which the engine does not handle: it reconciles Applications only)");
        assertThatThrownBy(() -> Applications.readOne("""
                apiVersion: argoproj.io/v1beta1
                kind: Application
                metadata: {name: shop}
                spec: {source: {repoURL: https://example.com/repo.git}}
                """, "shop.yaml"))
                .hasMessage("shop.yaml:1: Application shop: apiVersion argoproj.io/v1beta1 is not one Argo CD serves; "
                        + "use argoproj.io/v1alpha1");
    }

    @Test
    void readsTheRevisionHistoryLimit() {
        String app = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: shop}
                spec:
                  source: {repoURL: https://example.com/repo.git}
                  revisionHistoryLimit: %s
                """;
        assertThat(Applications.readOne(app.formatted("3"), "shop.yaml").revisionHistoryLimit()).isEqualTo(3);
        assertThat(Applications.readOne(app.formatted("null"), "shop.yaml").revisionHistoryLimit()).isEqualTo(10);
        assertThatThrownBy(() -> Applications.readOne(app.formatted("-1"), "shop.yaml"))
                .hasMessage("shop.yaml:1: Application shop: spec.revisionHistoryLimit must be a whole number, 0 or more, "
                        + "not '-1'");
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
