package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.ClusterSecretWatch;
import io.gitops4j.core.crd.CustomResourceDefinitions;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.clusters.RegisteredCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's cluster Secrets as the destinations of controller mode, while it runs: the controller
 * (on an in-process fake cluster) is started before the Secret of its destination exists; the
 * destination is a second fake cluster over HTTP. A Secret added makes its application sync there,
 * a changed one is registered again, a deleted one turns its application Unknown and nothing of
 * it is pruned.
 */
class ClusterSecretsControllerIT {

    private static final Duration INTERVAL = Duration.ofMinutes(3);
    private static final String API = "argoproj.io/v1alpha1";

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T02:00:00Z"));
    private final FakeCluster control = new FakeCluster(clock);
    private final FakeCluster staging = new FakeCluster(clock);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private FakeApiServer stagingServer;
    private ClusterRegistry registry;
    private LocalRepository repo;
    private ManualScheduler scheduler;
    private ApplicationCrdController controller;

    @BeforeEach
    void start() {
        control.createFromYaml(CustomResourceDefinitions.yaml());
        control.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        stagingServer = FakeApiServer.start(staging);
        repo = LocalRepository.init(temp.resolve("repo"));
        repo.write("app/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n")
                .commit("settings");
        registry = ClusterRegistry.builder().checkTimeout(Duration.ofSeconds(20)).build();
        GitOps gitops = GitOps.builder().cluster(control).workDir(temp.resolve("work")).clock(clock).build();
        scheduler = new ManualScheduler(clock);
        controller = gitops.crdController().clusterSecrets(registry, new ClusterSecretWatch.Listener() {
            @Override
            public void registered(String secret, RegisteredCluster cluster) {
                heard.add("registered " + secret + " as " + cluster.name());
            }

            @Override
            public void refused(String secret, String message) {
                heard.add("refused " + secret + ": " + message);
            }

            @Override
            public void unregistered(String secret, String server) {
                heard.add("unregistered " + secret);
            }
        }).engine(engine -> engine.scheduler(scheduler).refreshInterval(INTERVAL).jitter(Duration.ZERO)).build();
        controller.start();
        control.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: shop
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: app
                  destination:
                    server: %s
                    namespace: default
                  syncPolicy:
                    automated:
                      prune: true
                """.formatted(repo.url(), stagingServer.url()));
    }

    @AfterEach
    void stop() {
        controller.close();
        registry.close();
        stagingServer.close();
        repo.close();
    }

    @Test
    void aClusterSecretAddedWhileRunningBecomesADestination() {
        runUntil(() -> status().at("/sync/status").asText().equals("Unknown"));
        assertThat(status().at("/conditions/0/type").asText()).isEqualTo("InvalidSpecError");
        assertThat(status().at("/conditions/0/message").asText()).contains("no cluster with server");

        control.createFromYaml(clusterSecret("staging"));

        runUntil(() -> status().at("/sync/status").asText().equals("Synced"));
        assertThat(staging.get("v1", "ConfigMap", "default", "settings")).isPresent();
        assertThat(heard).containsExactly("registered staging-secret as staging");
    }

    @Test
    void aChangedClusterSecretIsRegisteredAgain() {
        control.createFromYaml(clusterSecret("staging"));
        runUntil(() -> status().at("/sync/status").asText().equals("Synced"));

        ObjectNode secret = control.get("v1", "Secret", "argocd", "staging-secret").orElseThrow();
        ((ObjectNode) secret.path("data")).put("name", java.util.Base64.getEncoder().encodeToString("staging-eu".getBytes()));
        control.update(secret);
        clock.advance(INTERVAL.plusSeconds(1));

        runUntil(() -> registry.byName("staging-eu").isPresent() && status().at("/sync/status").asText().equals("Synced"));
        assertThat(registry.byName("staging")).isEmpty();
        assertThat(heard).containsExactly("registered staging-secret as staging", "unregistered staging-secret",
                "registered staging-secret as staging-eu");
    }

    @Test
    void aDeletedClusterSecretTurnsItsApplicationUnknownAndPrunesNothing() {
        control.createFromYaml(clusterSecret("staging"));
        runUntil(() -> status().at("/sync/status").asText().equals("Synced"));

        control.delete(control.resourceType("v1", "Secret").orElseThrow(), "argocd", "staging-secret");

        runUntil(() -> status().at("/sync/status").asText().equals("Unknown"));
        assertThat(status().at("/conditions/0/type").asText()).isEqualTo("InvalidSpecError");
        clock.advance(INTERVAL.plusSeconds(1));
        scheduler.runUntilIdle();
        assertThat(status().at("/sync/status").asText()).isEqualTo("Unknown");
        assertThat(staging.get("v1", "ConfigMap", "default", "settings")).as("nothing pruned").isPresent();
        assertThat(registry.clusters()).isEmpty();
    }

    @Test
    void aClusterSecretThatCannotBeReadIsSkippedAndTheOthersGoOn() {
        control.createFromYaml(clusterSecret("staging").replace("server: ", "serverr: "));
        control.createFromYaml(clusterSecret("staging").replace("staging-secret", "good-secret"));

        runUntil(() -> status().at("/sync/status").asText().equals("Synced"));
        assertThat(heard).hasSize(2).anySatisfy(line -> assertThat(line).startsWith("refused staging-secret: ")
                .doesNotContain("t0ken")).contains("registered good-secret as staging");
    }

    private String clusterSecret(String name) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: staging-secret
                  namespace: argocd
                  labels:
                    argocd.argoproj.io/secret-type: cluster
                stringData:
                  name: %s
                  server: %s
                  config: '{"bearerToken": "t0ken"}'
                """.formatted(name, stagingServer.url());
    }

    private JsonNode status() {
        return control.get(API, "Application", "argocd", "shop").orElseThrow().path("status");
    }

    /** Runs the controller's due work until {@code done}; the destination's watch events come on HTTP threads. */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> { },
                () -> "not there within 30 s: " + status() + "; heard " + heard);
    }
}
