package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sync that loses its API server while it waits for the first of two waves to become healthy:
 * the server is stopped (connections refused) or stops answering. The sync must end, as an error
 * that says the server cannot be reached, when the retry policy or the timeout says so; never
 * "timed out waiting for a healthy state". The client is built as a user builds it, with fabric8's
 * default retries. The engine's clock is a manual one that the pacer moves: nothing sleeps, and
 * {@code assertTimeoutPreemptively} only guards against a hang.
 */
class LostClusterSyncIT {

    private static final Instant START = Instant.parse("2026-11-22T09:30:00Z");
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final String GIT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx:1.27}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop, annotations: {argocd.argoproj.io/sync-wave: '1'}}
            data: {color: blue}
            """;

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).build();
    private final AtomicInteger waits = new AtomicInteger();
    private FakeApiServer server;
    private boolean serving;
    private KubernetesClient client;

    @BeforeEach
    void serve() {
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        server = FakeApiServer.start(fake);
        serving = true;
    }

    @AfterEach
    void stop() {
        client.close();
        stopServer();
    }

    @Test
    void aStoppedServerEndsTheSyncAtOnceSayingItCannotBeReached() {
        SyncResult result = syncLosingTheServer(Duration.ofSeconds(10), this::stopServer,
                SyncRequest.builder().build());

        assertThat(result.phase()).isEqualTo(OperationPhase.ERROR);
        assertThat(result.message()).contains("cannot reach the Kubernetes API server at " + server.url()
                + ": connection refused (to get apps/v1/Deployment shop/web)").doesNotContain("timed out");
        assertThat(fake.get("v1", "ConfigMap", "shop", "settings")).as("the second wave never ran").isEmpty();
        assertThat(waits).as("the engine stopped at its first look after the loss").hasValue(1);
    }

    @Test
    void aStoppedServerIsRetriedAsTheRetryPolicySaysThenReported() {
        SyncResult result = syncLosingTheServer(Duration.ofSeconds(10), this::stopServer,
                SyncRequest.builder().retry(RetryPolicy.limit(2)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.ERROR);
        assertThat(result.retries()).isEqualTo(2);
        assertThat(result.message()).contains("cannot reach the Kubernetes API server at " + server.url()
                + ": connection refused");
    }

    @Test
    void unlimitedRetriesEndAtTheSyncTimeout() {
        Duration timeout = Duration.ofMinutes(2);

        SyncResult result = syncLosingTheServer(Duration.ofSeconds(10), this::stopServer,
                SyncRequest.builder().retry(RetryPolicy.limit(-1)).timeout(timeout).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.ERROR);
        assertThat(result.message()).contains("cannot reach the Kubernetes API server at " + server.url());
        assertThat(result.finishedAt().orElseThrow()).isBeforeOrEqualTo(START.plus(timeout));
    }

    @Test
    void aServerThatStopsAnsweringEndsTheSyncAtTheRequestTimeout() {
        // long enough that the requests before the server is lost answer in time on a loaded machine
        SyncResult result = syncLosingTheServer(Duration.ofSeconds(3),
                () -> fake.faults().inject(Fault.latency(Duration.ofMinutes(10)).always()), SyncRequest.builder().build());

        assertThat(result.phase()).isEqualTo(OperationPhase.ERROR);
        assertThat(result.message()).contains("cannot reach the Kubernetes API server at " + server.url()
                + ": no answer within 3s (to get apps/v1/Deployment shop/web)");
    }

    /**
     * Syncs {@link #GIT} through a client with this request timeout; when the engine first waits
     * (the Deployment of wave 0 applied, not healthy yet, the ConfigMap of wave 1 pending), the
     * server is lost as {@code lose} says. Later waits move the clock.
     */
    private SyncResult syncLosingTheServer(Duration requestTimeout, Runnable lose, SyncRequest options) {
        Config config = Config.fromKubeconfig(server.kubeconfig());
        config.setRequestTimeout((int) requestTimeout.toMillis());
        client = new KubernetesClientBuilder().withConfig(config).build();
        Cluster cluster = new Fabric8Cluster(client);
        StepPacer pacer = next -> {
            if (waits.getAndIncrement() == 0) {
                lose.run();
            } else if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
        };
        List<ObjectNode> objects = Yaml.readDocuments(GIT, "git").stream().map(YamlDocument::body).toList();
        DesiredState desired = DesiredState.prepare(objects, SyncTarget.builder("shop", "shop").build(), cluster);
        Comparison comparison = new StateComparer(cluster, ResourceDiffer.defaults()).compare(desired);
        SyncEngine engine = SyncEngine.builder().cluster(cluster).clock(clock).pacer(pacer).build();
        return assertTimeoutPreemptively(HANG_GUARD, () -> engine.sync(comparison, options));
    }

    private void stopServer() {
        if (serving) {
            serving = false;
            server.close();
        }
    }
}
