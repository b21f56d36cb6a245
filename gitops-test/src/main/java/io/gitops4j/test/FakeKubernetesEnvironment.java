package io.gitops4j.test;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The fake cluster of one test method and what was started for it, created on first use and
 * closed after the test.
 */
final class FakeKubernetesEnvironment implements AutoCloseable {

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final FakeCluster cluster = new FakeCluster(clock);
    private FakeApiServer server;
    private KubernetesClient client;

    /** The value to inject for a supported type. */
    synchronized Optional<Object> valueFor(Class<?> type) {
        if (type == FakeCluster.class || type == Cluster.class) {
            return Optional.of(cluster);
        }
        if (type == ManualClock.class) {
            return Optional.of(clock);
        }
        if (type == FakeApiServer.class) {
            return Optional.of(server());
        }
        if (type == KubernetesClient.class) {
            return Optional.of(client());
        }
        if (type == Fabric8Cluster.class) {
            return Optional.of(new Fabric8Cluster(client()));
        }
        return Optional.empty();
    }

    private FakeApiServer server() {
        if (server == null) {
            server = FakeApiServer.start(cluster);
        }
        return server;
    }

    private KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(server().url())
                    .withNamespace("default")
                    .withOnlyHttpWatches(true)
                    .build()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
