package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.model.DirectoryOptions;
import io.gitops4j.core.reconcile.SourceException;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.kube.KubernetesObjects;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applications with several sources ({@code spec.sources}), over repositories made here: a Helm
 * chart from one repository with value files from another ({@code $values/...}), directories
 * concatenated, and the failures that must name their source and prune nothing.
 */
class MultipleSourcesTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository charts;
    private LocalRepository values;
    private GitOps gitops;

    @BeforeEach
    void setUp() {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        charts = LocalRepository.init(temp.resolve("charts"));
        charts.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        charts.write("charts/web/values.yaml", "replicas: 1\ngreeting: hello\n");
        charts.write("charts/web/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  replicas: "{{ .Values.replicas }}"
                  greeting: {{ .Values.greeting }}
                """);
        charts.commit("the chart");
        values = LocalRepository.init(temp.resolve("values"));
        values.write("envs/prod/values.yaml", "replicas: 5\n");
        values.write("manifests/extra.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: extra}
                data: {from: values-repo}
                """);
        values.commit("prod values");
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
    }

    @AfterEach
    void tearDown() {
        charts.close();
        values.close();
    }

    private Application chartWithValues(String valueFile) {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: store}
                spec:
                  sources:
                  - repoURL: %s
                    path: charts/web
                    helm:
                      valueFiles: [values.yaml, %s]
                  - repoURL: %s
                    targetRevision: HEAD
                    ref: values
                  destination: {namespace: shop}
                  syncPolicy: {automated: {prune: true}}
                """.formatted(charts.url(), valueFile, values.url()), "store.yaml");
    }

    private String setting(String name, String key) {
        return cluster.get("v1", "ConfigMap", "shop", name).orElseThrow().at("/data/" + key).asText();
    }

    @Test
    void aChartFromOneRepositoryTakesItsValuesFromAnotherAndFollowsItsCommits() {
        Application app = chartWithValues("$values/envs/prod/values.yaml");

        ReconcileResult first = gitops.reconcile(app);

        assertThat(first.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(setting("store-settings", "replicas")).isEqualTo("5");
        assertThat(setting("store-settings", "greeting")).as("the chart's own values still apply").isEqualTo("hello");
        assertThat(cluster.get("v1", "ConfigMap", "shop", "extra")).as("a ref source without a path renders nothing")
                .isEmpty();

        String seven = values.write("envs/prod/values.yaml", "replicas: 7\n").commit("seven");
        ReconcileResult second = gitops.reconcile(app);

        assertThat(setting("store-settings", "replicas")).as("a commit in the values repository alone is a new revision")
                .isEqualTo("7");
        assertThat(second.revision()).as("one revision per source, joined").endsWith("," + seven)
                .isNotEqualTo(first.revision());
    }

    @Test
    void theChartsOwnRepositoryCanBeTheRefSourceToo() {
        charts.write("envs/staging.yaml", "replicas: 2\ngreeting: hi\n").commit("staging values beside the chart");
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: staging}
                spec:
                  sources:
                  - repoURL: %s
                    path: charts/web
                    helm: {valueFiles: [$self/envs/staging.yaml]}
                  - {repoURL: %s, ref: self}
                  destination: {namespace: shop}
                  syncPolicy: {automated: {}}
                """.formatted(charts.url(), charts.url()), "staging.yaml");

        gitops.reconcile(app);

        assertThat(setting("staging-settings", "replicas")).isEqualTo("2");
        assertThat(setting("staging-settings", "greeting")).isEqualTo("hi");
    }

    @Test
    void aValueFileThatClimbsOutOfTheReferencedRepositoryIsRefusedAndNothingIsApplied() {
        List<?> before = cluster.objects();

        assertThatThrownBy(() -> gitops.reconcile(chartWithValues("$values/../../etc/passwd")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("source 1 of 2")
                .hasMessageContaining("values file '$values/../../etc/passwd' of charts/web leaves the repository of "
                        + "source $values");
        assertThat(cluster.objects()).isEqualTo(before);
    }

    @Test
    void aValueFileNamingARefNoSourceHasIsRefusedWithTheRefsThereAre() {
        assertThatThrownBy(() -> gitops.reconcile(chartWithValues("$other/envs/prod/values.yaml")))
                .isInstanceOf(SourceException.class)
                .hasMessage("source 1 of 2 (" + charts.url() + " path charts/web): values file "
                        + "'$other/envs/prod/values.yaml' names $other, which is not one of the available sources "
                        + "([$values]); give the source holding the file 'ref: other'");
    }

    @Test
    void twoDirectorySourcesAreRenderedIntoOneDesiredState() {
        charts.write("plain/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {from: charts-repo}\n")
                .commit("a plain directory");
        Application app = Application.builder("plain").destinationNamespace("shop").automated(AutomatedSync.of(true, false))
                .sources(new ApplicationSource(charts.url(), "HEAD", "plain", DirectoryOptions.defaults()),
                        new ApplicationSource(values.url(), "HEAD", "manifests", DirectoryOptions.defaults()))
                .build();

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(setting("a", "from")).isEqualTo("charts-repo");
        assertThat(setting("extra", "from")).isEqualTo("values-repo");
    }

    @Test
    void anAppOfAppsWithSeveralSourcesKeepsEachSourcesRevision() {
        String childCommit = values.write("manifests/child.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: child, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: https://example.com/child.git, path: ., targetRevision: HEAD}
                  destination: {server: https://kubernetes.default.svc, namespace: child}
                """).commit("a child application");
        List<String> handed = new java.util.ArrayList<>();
        try (ControllerFixture fixture = new ControllerFixture(temp.resolve("controller"))) {
            fixture.newController(builder -> builder.childApplications((parent, revision, children) ->
                    children.forEach(child -> handed.add(KubernetesObjects.name(child)))));
            String guestbookCommit = fixture.repo.commit("nothing new");
            Application app = Application.builder("root").destinationNamespace("guestbook")
                    .automated(AutomatedSync.of(true, true))
                    .sources(new ApplicationSource(fixture.repo.url(), "HEAD", GuestbookRepository.PATH,
                            DirectoryOptions.defaults()),
                            new ApplicationSource(values.url(), "HEAD", "manifests", DirectoryOptions.defaults()))
                    .build();
            fixture.controller.register(app);
            fixture.controller.start();
            fixture.run();

            ApplicationStatus status = fixture.controller.status("root");
            assertThat(handed).contains("child");
            assertThat(status.sync().status()).isEqualTo(SyncStatusCode.SYNCED);
            assertThat(status.sync().revisions()).containsExactly(guestbookCommit, childCommit);
            assertThat(status.history()).singleElement()
                    .satisfies(h -> assertThat(h.revisions()).containsExactly(guestbookCommit, childCommit));
        }
    }

    @Test
    void theControllerReportsEachSourcesRevisionAndASourceThatFailsToRenderPrunesNothing() {
        String manifestsCommit = values.write("manifests/more.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: more}\ndata: {from: values-repo}\n").commit("more");
        try (ControllerFixture fixture = new ControllerFixture(temp.resolve("controller"))) {
            String guestbookCommit = fixture.repo.commit("nothing new");
            ApplicationSource guestbook = new ApplicationSource(fixture.repo.url(), "HEAD", GuestbookRepository.PATH,
                    DirectoryOptions.defaults());
            ApplicationSource manifests = new ApplicationSource(values.url(), "HEAD", "manifests",
                    DirectoryOptions.defaults());
            Application app = Application.builder("guestbook").destinationNamespace("guestbook")
                    .automated(AutomatedSync.of(true, true)).sources(guestbook, manifests).build();
            fixture.controller.register(app);
            fixture.controller.start();
            fixture.run();

            ApplicationStatus status = fixture.controller.status("guestbook");
            assertThat(status.sync().status()).isEqualTo(SyncStatusCode.SYNCED);
            assertThat(status.sync().revisions()).containsExactly(guestbookCommit, manifestsCommit);
            assertThat(status.sync().revision()).isEqualTo(guestbookCommit + "," + manifestsCommit);
            assertThat(status.sync().comparedTo()).hasValueSatisfying(c -> assertThat(c.sources())
                    .containsExactly(guestbook, manifests));
            assertThat(status.history()).singleElement().satisfies(h -> {
                assertThat(h.revisions()).containsExactly(guestbookCommit, manifestsCommit);
                assertThat(h.sources()).containsExactly(guestbook, manifests);
            });
            assertThat(status.operationState()).hasValueSatisfying(o -> assertThat(o.syncResult().orElseThrow()
                    .revisions()).containsExactly(guestbookCommit, manifestsCommit));
            assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "more")).isPresent();
            List<String> before = fixture.cluster.objects().stream().map(KubernetesObjects::name).sorted().toList();

            values.write("manifests/more.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: more}\ndata:\n"
                    + "  from: here\n   broken: indentation\n").commit("break the second source");
            fixture.nextRound();

            ApplicationStatus broken = fixture.controller.status("guestbook");
            assertThat(broken.conditions(ConditionType.COMPARISON_ERROR)).singleElement()
                    .satisfies(c -> assertThat(c.message()).contains("source 2 of 2 (" + values.url() + " path manifests)")
                            .contains("more.yaml"));
            assertThat(fixture.cluster.objects().stream().map(KubernetesObjects::name).sorted().toList())
                    .as("a source that fails to render prunes nothing, the other source's objects included")
                    .isEqualTo(before);
            assertThat(fixture.controller.history("guestbook")).extracting(RevisionHistory::id).containsExactly(0L);

            var manual = fixture.controller.sync("guestbook", SyncRequest.builder().prune(true).build());
            fixture.run();
            assertThat(manual).isCompletedWithValueMatching(o -> o.phase() == OperationPhase.ERROR
                    && o.message().contains("source 2 of 2"), "a manual sync of the broken source ends in Error");
            assertThat(fixture.cluster.objects().stream().map(KubernetesObjects::name).sorted().toList()).isEqualTo(before);
        }
    }
}
