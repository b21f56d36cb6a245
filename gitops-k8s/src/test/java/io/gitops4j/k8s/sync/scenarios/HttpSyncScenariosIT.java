package io.gitops4j.k8s.sync.scenarios;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.fake.FakeApiServer;
import io.gitops4j.k8s.fake.FakeCluster;
import io.gitops4j.k8s.fake.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The sync scenarios against the HTTP fake cluster through a real fabric8 client: every request
 * crosses the wire. The client's own retries are off, so the engine's retry policy is what is
 * tested.
 */
class HttpSyncScenariosIT implements WaveAndHookScenarios, PruneAndNamespaceScenarios, FailureScenarios,
        ApplyScenarios {

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).build();
    private FakeApiServer server;
    private KubernetesClient client;
    private Fabric8Cluster cluster;

    @BeforeEach
    void connect() {
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(server.url())
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .withOnlyHttpWatches(true)
                .build()).build();
        cluster = new Fabric8Cluster(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
        server.close();
    }

    @Override
    public Cluster cluster() {
        return cluster;
    }

    @Override
    public FakeCluster fake() {
        return fake;
    }

    @Override
    public ManualClock clock() {
        return clock;
    }
}
