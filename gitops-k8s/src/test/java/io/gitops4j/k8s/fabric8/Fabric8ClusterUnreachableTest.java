package io.gitops4j.k8s.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A cluster that cannot be reached, as fabric8's client meets it with its default retries: a
 * closed port, and a server that accepts connections and never answers. Each call must come back
 * (the bound of {@code assertTimeoutPreemptively} is a hang guard, not a speed claim) with one
 * line that names the server's address and the cause.
 */
class Fabric8ClusterUnreachableTest {

    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", true);
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void aClosedPortFailsAtOnceNamingTheAddress() {
        String url = "http://127.0.0.1:" + closedPort();
        Fabric8Cluster cluster = new Fabric8Cluster(client(url, Duration.ofSeconds(10)));

        ClusterException discovery = failure(cluster::resourceTypes);
        ClusterException get = failure(() -> cluster.get(CONFIG_MAPS, "shop", "settings"));

        assertThat(discovery.code()).isEqualTo(ClusterException.UNREACHABLE);
        assertThat(discovery).hasMessage("cannot reach the Kubernetes API server at " + url + ": connection refused "
                + "(to discover the API); check that the cluster is running and that the kubeconfig names its address");
        assertThat(get).hasMessageStartingWith("cannot reach the Kubernetes API server at " + url
                + ": connection refused (to get v1/ConfigMap shop/settings); ");
    }

    @Test
    void theAddressInAMessageCarriesNoCredentials() {
        int port = closedPort();
        Fabric8Cluster cluster = new Fabric8Cluster(client("http://alice:s3cr3t-token@127.0.0.1:" + port,
                Duration.ofSeconds(10)));

        ClusterException failure = failure(cluster::resourceTypes);

        assertThat(failure).hasMessageStartingWith("cannot reach the Kubernetes API server at http://***@127.0.0.1:"
                + port + ": ").hasMessageNotContaining("s3cr3t-token");
    }

    @Test
    void aServerThatNeverAnswersTimesOutNamingTheAddressAndTheTimeout() {
        String url = "http://127.0.0.1:" + silentServer();
        Fabric8Cluster cluster = new Fabric8Cluster(client(url, Duration.ofMillis(300)));

        ClusterException get = failure(() -> cluster.get(CONFIG_MAPS, "shop", "settings"));
        ClusterException discovery = failure(cluster::resourceTypes);

        assertThat(get.code()).isEqualTo(ClusterException.UNREACHABLE);
        assertThat(get).hasMessage("cannot reach the Kubernetes API server at " + url + ": no answer within 300ms "
                + "(to get v1/ConfigMap shop/settings); check that the server is healthy and reachable, or raise the "
                + "request timeout");
        assertThat(discovery).hasMessageStartingWith("cannot reach the Kubernetes API server at " + url
                + ": no answer within 300ms (to discover the API)");
    }

    @Test
    void aWatchMustBeAnsweredToStart() {
        String silent = "http://127.0.0.1:" + silentServer();
        String closed = "http://127.0.0.1:" + closedPort();

        ClusterException unanswered = failure(() -> new Fabric8Cluster(client(silent, Duration.ofMillis(300)))
                .watch(CONFIG_MAPS, ListOptions.all(), "", new Events()));
        ClusterException refused = failure(() -> new Fabric8Cluster(client(closed, Duration.ofSeconds(10)))
                .watch(CONFIG_MAPS, ListOptions.all(), "", new Events()));

        assertThat(unanswered).hasMessageStartingWith("cannot reach the Kubernetes API server at " + silent
                + ": no answer within 300ms (to watch v1/ConfigMap)");
        assertThat(refused).hasMessageStartingWith("cannot reach the Kubernetes API server at " + closed
                + ": connection refused (to watch v1/ConfigMap)");
    }

    /** Runs {@code call}, which must come back failing with a {@link ClusterException}. */
    private static ClusterException failure(Executable call) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(ClusterException.class, call));
    }

    /** A client as a user builds it: fabric8's default retries, this request timeout. */
    private KubernetesClient client(String url, Duration requestTimeout) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(url).withNamespace("default").withRequestTimeout((int) requestTimeout.toMillis())
                .build()).build();
        open.add(client);
        return client;
    }

    /** A port nothing listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts every connection and never sends a byte. */
    private int silentServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            open.add(() -> {
                server.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            });
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listener that keeps nothing: these watches never start. */
    private static final class Events implements WatchListener {
        @Override
        public void onEvent(WatchEvent event) {
        }
    }
}
