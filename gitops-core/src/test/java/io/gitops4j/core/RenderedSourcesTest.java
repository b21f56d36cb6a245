package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.kustomize.KustomizeException;
import io.gitops4j.render.plugin.ConfigManagementPlugin;
import io.gitops4j.render.plugin.PluginSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applications whose sources are Kustomize overlays and Helm charts, read from Argo CD YAML and reconciled. */
class RenderedSourcesTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private LocalRepository bases;
    private GitOps gitops;

    @BeforeEach
    void setUp() {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        bases = LocalRepository.init(temp.resolve("bases"));
        bases.write("web/kustomization.yaml", "resources: [deployment.yaml]\nconfigMapGenerator:\n- name: web-config\n  literals: [MODE=base]\n");
        bases.write("web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.25
                        envFrom: [{configMapRef: {name: web-config}}]
                """);
        bases.commit("web base");
        bases.tag("v1");
        repo = LocalRepository.init(temp.resolve("repo"));
        repo.write("overlays/prod/kustomization.yaml", "resources:\n- " + bases.url() + "//web?ref=v1\n"
                + "namePrefix: prod-\nconfigMapGenerator:\n- name: web-config\n  behavior: merge\n  literals: [MODE=prod]\n");
        repo.write("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        repo.write("charts/web/values.yaml", "replicas: 1\n");
        repo.write("charts/web/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-settings
                data:
                  replicas: "{{ .Values.replicas }}"
                  namespace: {{ .Release.Namespace }}
                """);
        repo.commit("apps");
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
        bases.close();
    }

    @Test
    void aKustomizeOverlayWithARemoteBaseAndArgoCdOptionsIsSynced() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source:
                    repoURL: %s
                    path: overlays/prod
                    kustomize:
                      images: [nginx:1.27]
                      replicas: [{name: prod-web, count: 3}]
                  destination: {namespace: shop}
                  syncPolicy: {automated: {}}
                """.formatted(repo.url()), "web.yaml");

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.status()).isEqualTo(SyncStatus.SYNCED);
        ObjectNode deployment = cluster.get("apps/v1", "Deployment", "shop", "prod-web").orElseThrow();
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
        String configMap = deployment.at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText();
        assertThat(configMap).matches("prod-web-config-[a-z0-9]{10}");
        assertThat(cluster.get("v1", "ConfigMap", "shop", configMap).orElseThrow().at("/data/MODE").asText()).isEqualTo("prod");
    }

    @Test
    void rendererSettingsKeepRemoteBasesAndAPluginRegisteredOnTheBuilderRendersItsSource() {
        repo.write("generated/input.txt", "ignored").commit("a plugin source");
        GitOps custom = GitOps.builder().cluster(cluster).workDir(temp.resolve("custom"))
                .renderer(settings -> settings.cacheSize(0))
                .plugin(new ConfigManagementPlugin("settings-maker", List.of(), List.of("sh", "-c",
                        "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: made-for-%s\\n' \"$ARGOCD_APP_NAME\""),
                        Duration.ofSeconds(20)))
                .build();
        Application overlay = Application.builder("web").repoURL(repo.url()).path("overlays/prod")
                .destinationNamespace("shop").build();
        Application generated = Application.builder("maker").repoURL(repo.url()).path("generated")
                .plugin(new PluginSource("settings-maker", Map.of(), Map.of())).destinationNamespace("shop").build();

        assertThat(custom.sync(overlay, SyncRequest.defaults()).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(custom.sync(generated, SyncRequest.defaults()).status()).isEqualTo(SyncStatus.SYNCED);

        assertThat(cluster.get("apps/v1", "Deployment", "shop", "prod-web")).as("the remote base was read").isPresent();
        assertThat(cluster.get("v1", "ConfigMap", "shop", "made-for-maker")).isPresent();
    }

    @Test
    void aHelmChartInTheRepositoryIsTemplatedWithTheAppNameAsReleaseAndHelmOptions() {
        Application app = Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: store}
                spec:
                  source:
                    repoURL: %s
                    path: charts/web
                    helm:
                      parameters: [{name: replicas, value: "4"}]
                  destination: {namespace: shop}
                  syncPolicy: {automated: {}}
                """.formatted(repo.url()), "store.yaml");

        gitops.reconcile(app);

        ObjectNode settings = cluster.get("v1", "ConfigMap", "shop", "store-settings").orElseThrow();
        assertThat(settings.at("/data/replicas").asText()).isEqualTo("4");
        assertThat(settings.at("/data/namespace").asText()).isEqualTo("shop");
    }

    @Test
    void theBuilderTakesTheSameOptionsAsTheYaml() {
        Application app = Application.builder("store").repoURL(repo.url()).path("charts/web")
                .helm(HelmOptions.DEFAULTS.withReleaseName("built"))
                .destinationNamespace("shop").build();

        gitops.sync(app, SyncRequest.defaults());

        assertThat(cluster.get("v1", "ConfigMap", "shop", "built-settings")).isPresent();
    }

    @Test
    void aKustomizationThatBreaksLaterFailsTheReconcileAndPrunesNothing() {
        Application app = Application.builder("web").repoURL(repo.url()).path("overlays/prod")
                .destinationNamespace("shop").automated(AutomatedSync.of(true, true)).build();
        gitops.reconcile(app);
        List<ObjectNode> before = cluster.objects();
        repo.write("overlays/prod/kustomization.yaml", "resources: [missing.yaml]\n");
        repo.commit("break the overlay");

        assertThatThrownBy(() -> gitops.reconcile(app))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("overlays/prod/kustomization.yaml: 'missing.yaml' does not exist");
        assertThat(cluster.objects()).isEqualTo(before);
        assertThat(before).extracting(KubernetesObjects::name).contains("prod-web");
    }
}
