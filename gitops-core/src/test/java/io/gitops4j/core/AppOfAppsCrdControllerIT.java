package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.core.argocd.ArgoCdSettings;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App-of-apps in controller mode, over HTTP with Argo CD's CRDs: the root application renders
 * Application objects, which its sync applies to the cluster like any resource and the controller
 * then reconciles. With {@code resource.customizations.health.argoproj.io_Application} in
 * {@code argocd-cm} (the check Argo CD's health documentation gives for bootstrapping in waves), a
 * child in wave 1 is created only once the wave-0 child is Synced and Healthy; without it, as in
 * Argo CD since 1.8, the waves do not wait for the children.
 */
class AppOfAppsCrdControllerIT {

    private static final String API = "argoproj.io/v1alpha1";
    private static final String APPLICATION_HEALTH = """
            hs = {}
            hs.status = "Progressing"
            hs.message = ""
            if obj.status ~= nil then
              if obj.status.health ~= nil then
                hs.status = obj.status.health.status
                if obj.status.health.message ~= nil then
                  hs.message = obj.status.health.message
                end
              end
            end
            return hs
            """;

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    /** The wave-0 child's status when the wave-1 child was created, as the API server stored it then. */
    private final Map<String, JsonNode> backendWhenFrontendCreated = new ConcurrentHashMap<>();
    private FakeApiServer server;
    private KubernetesClient client;
    private LocalRepository repo;
    private ManualScheduler scheduler;
    private ApplicationCrdController controller;
    private Watch observer;

    @BeforeEach
    void start() {
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz"));
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        repo = LocalRepository.init(temp.resolve("repo"));
        repo.write("children/backend.yaml", child("backend", 0)).write("children/frontend.yaml", child("frontend", 1))
                .write("backend/config.yaml", configMap("backend")).write("frontend/config.yaml", configMap("frontend"))
                .commit("a root with two children in two waves");
        observer = fake.watch(fake.resourceType(API, "Application").orElseThrow(), ListOptions.inNamespace("argocd"), "",
                new WatchListener() {
                    @Override
                    public void onEvent(WatchEvent event) {
                        if (event.type() == WatchEvent.Type.ADDED
                                && event.object().at("/metadata/name").asText().equals("frontend")) {
                            fake.get(API, "Application", "argocd", "backend").ifPresent(
                                    b -> backendWhenFrontendCreated.put("status", b.path("status").deepCopy()));
                        }
                    }

                    @Override
                    public void onClose(ClusterException reason) {
                    }
                });
    }

    @AfterEach
    void stop() {
        observer.close();
        controller.close();
        client.close();
        server.close();
        repo.close();
    }

    private void startController() {
        Fabric8Cluster cluster = new Fabric8Cluster(client);
        ArgoCdSettings settings = ArgoCdSettings.fromCluster(cluster, "argocd");
        scheduler = new ManualScheduler(clock);
        GitOps gitops = settings.applyTo(GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock)
                .pacer(next -> {   // a sync waiting for its next step lets the controller's other workers run
                    if (next.isAfter(clock.instant())) {
                        clock.set(next);
                    }
                    fake.controllers().tick();
                    pause();
                    scheduler.runUntilIdle();
                })).build();
        controller = gitops.crdController().engine(engine -> settings.applyTo(engine).scheduler(scheduler)
                .jitter(Duration.ZERO)).build();
        controller.start();
    }

    @Test
    void withArgoCdsApplicationHealthCheckTheWaveOneChildWaitsForTheWaveZeroChildToBeSyncedAndHealthy() {
        fake.createFromYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                  namespace: argocd
                data:
                  resource.customizations.health.argoproj.io_Application: |
                %s""".formatted(APPLICATION_HEALTH.indent(4)));
        startController();
        fake.createFromYaml(root());

        runUntil(() -> healthOf("frontend").equals("Healthy") && healthOf("root").equals("Healthy"));

        JsonNode backend = backendWhenFrontendCreated.get("status");
        assertThat(backend).as("the wave-1 child was created").isNotNull();
        assertThat(backend.at("/sync/status").asText()).isEqualTo("Synced");
        assertThat(backend.at("/health/status").asText()).isEqualTo("Healthy");
        assertThat(app("root").at("/status/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(app("root").at("/status/resources")).anySatisfy(r -> {
            assertThat(r.path("kind").asText()).isEqualTo("Application");
            assertThat(r.path("name").asText()).isEqualTo("backend");
            assertThat(r.at("/health/status").asText()).isEqualTo("Healthy");
        });
        assertThat(fake.get("v1", "ConfigMap", "frontend", "frontend")).isPresent();
    }

    @Test
    void withoutTheHealthCheckTheWavesDoNotWaitForTheChildren() {
        repo.write("children/backend.yaml", child("backend", 0, false)).commit("backend is synced by hand");
        startController();
        fake.createFromYaml(root());

        runUntil(() -> healthOf("frontend").equals("Healthy"));

        JsonNode backend = backendWhenFrontendCreated.get("status");
        assertThat(backend).as("the wave-1 child was created").isNotNull();
        assertThat(backend.at("/health/status").asText()).as("created while the wave-0 child, never synced, is Missing")
                .isNotEqualTo("Healthy");
        assertThat(app("root").at("/status/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(fake.get("v1", "ConfigMap", "backend", "backend")).as("the wave-0 child is not synced").isEmpty();
    }

    private String root() {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: root
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: children
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: argocd
                  syncPolicy:
                    automated: {}
                """.formatted(repo.url());
    }

    private String child(String name, int wave) {
        return child(name, wave, true);
    }

    private String child(String name, int wave, boolean automated) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                  annotations:
                    argocd.argoproj.io/sync-wave: "%d"
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                  syncPolicy:
                    %s
                    syncOptions:
                    - CreateNamespace=true
                """.formatted(name, wave, repo.url(), name, name, automated ? "automated: {}" : "retry: {limit: 0}");
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  app: " + name + "\n";
    }

    private JsonNode app(String name) {
        return fake.get(API, "Application", "argocd", name).orElseThrow(() -> new AssertionError("no Application " + name));
    }

    private String healthOf(String name) {
        return fake.get(API, "Application", "argocd", name).map(a -> a.at("/status/health/status").asText()).orElse("");
    }

    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> fake.controllers().tick(),
                () -> "the controller did not get there within 30 s: " + fake.objects().stream()
                        .filter(o -> o.path("kind").asText().equals("Application"))
                        .map(o -> o.at("/metadata/name").asText() + ": " + o.path("status")).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
