package io.gitops4j.k8s.fabric8;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;

/**
 * A fake cluster served over HTTP and a real fabric8 client connected to it, for tests that want
 * every request to cross the wire. The client does not retry and watches over plain HTTP, so
 * injected failures reach the code under test.
 */
public final class Fabric8OverHttp implements AutoCloseable {

    private final FakeApiServer server;
    private final KubernetesClient client;
    private final Fabric8Cluster cluster;

    private Fabric8OverHttp(FakeApiServer server) {
        this.server = server;
        this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(server.url())
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .withOnlyHttpWatches(true)
                .build()).build();
        this.cluster = new Fabric8Cluster(client);
    }

    /** Serves {@code fake} on a free port and connects a client to it. */
    public static Fabric8OverHttp serve(FakeCluster fake) {
        return new Fabric8OverHttp(FakeApiServer.start(fake));
    }

    /** The served cluster as the fabric8 client sees it. */
    public Fabric8Cluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
