package io.gitops4j.k8s.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import io.gitops4j.fake.contract.RecordingListener;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Fabric8Cluster} retries by itself and what it hands back, against the HTTP fake
 * cluster with fabric8's retry settings (a 1 ms backoff, so nothing waits long).
 */
class Fabric8ClusterTransportIT {

    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", true);

    private final FakeCluster fake = new FakeCluster();
    private FakeApiServer server;
    private boolean serving;
    private KubernetesClient client;
    private Fabric8Cluster cluster;

    @BeforeEach
    void connect() {
        fake.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\n");
        server = FakeApiServer.start(fake);
        serving = true;
        Config config = Config.fromKubeconfig(server.kubeconfig());
        config.setRequestRetryBackoffInterval(1);
        client = new KubernetesClientBuilder().withConfig(config).build();
        cluster = new Fabric8Cluster(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
        stopServer();
    }

    @Test
    void serverErrorsAreRetriedAsFabric8Retries() {
        fake.faults().inject(Fault.failing(503).times(3).on(Verb.GET));

        assertThat(cluster.get(CONFIG_MAPS, "default", "settings")).isPresent();
        assertThat(fake.faults().pending()).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheRequestTimeoutIsLeftToTheCaller() {
        fake.faults().inject(Fault.failing(429).retryAfter(Duration.ofMinutes(5)).times(1).on(Verb.GET));

        ClusterException throttled = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ClusterException.class, () -> cluster.get(CONFIG_MAPS, "default", "settings")));

        assertThat(throttled.code()).isEqualTo(429);
        assertThat(throttled.retryAfter()).contains(Duration.ofMinutes(5));
    }

    @Test
    void aWatchWhoseServerStopsEndsNamingTheServer() {
        RecordingListener events = new RecordingListener();
        try (Watch watch = cluster.watch(CONFIG_MAPS, ListOptions.all(), "", events)) {
            assertThat(events.nextSummary()).isEqualTo("ADDED settings");

            stopServer();

            ClusterException end = events.nextClose();
            assertThat(end.code()).isEqualTo(ClusterException.UNREACHABLE);
            assertThat(end).hasMessageContaining(server.url()).hasMessageContaining("watch again");
        }
    }

    private void stopServer() {
        if (serving) {
            serving = false;
            server.close();
        }
    }
}
