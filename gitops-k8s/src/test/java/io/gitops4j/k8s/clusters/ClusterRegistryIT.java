package io.gitops4j.k8s.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clusters served over HTTP by fake API servers, one registered by kubeconfig and one by
 * bearer token, and what happens to each when the other stops.
 */
class ClusterRegistryIT {

    private static final String TOKEN = "planted-token-9d8c7b6a";
    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", true);

    @TempDir
    Path temp;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> messages = new ArrayList<>();
    private PrintStream stderr;
    private FakeApiServer staging;
    private FakeApiServer production;
    private ClusterRegistry registry;

    @BeforeEach
    void start() {
        stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        staging = FakeApiServer.start(clusterWith("staging-settings"));
        production = FakeApiServer.start(clusterWith("production-settings"));
        registry = ClusterRegistry.builder().checkTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        registry.close();
        staging.close();
        production.close();
        System.setErr(stderr);
        String logged = logs.toString(StandardCharsets.UTF_8);
        stderr.print(logged);
        assertThat(logged).doesNotContain(TOKEN);
        messages.forEach(message -> assertThat(message).doesNotContain(TOKEN));
    }

    @Test
    void oneStoppedClusterIsFailedWhileTheOtherKeepsWorking() {
        RegisteredCluster byKubeconfig = registry.registerKubeconfig("staging",
                staging.writeKubeconfig(temp.resolve("kubeconfig")), "gitops4j-fake");
        RegisteredCluster byToken = registry.registerToken("production", production.url(), TOKEN, "");
        assertThat(byKubeconfig.connectionState().status()).isEqualTo(ConnectionStatus.SUCCESSFUL);
        assertThat(byKubeconfig.server()).isEqualTo(staging.url());
        assertThat(byKubeconfig.serverVersion()).matches("\\d+\\.\\d+");
        assertThat(byKubeconfig.cluster().kubernetesVersion()).as("what Helm charts rendered for it see")
                .contains(byKubeconfig.serverVersion());
        assertThat(byToken.connectionState().status()).isEqualTo(ConnectionStatus.SUCCESSFUL);

        production.close();
        List<RegisteredCluster> checked = registry.recheckAll();

        RegisteredCluster stopped = registry.resolve(production.url(), "");
        messages.add(stopped.connectionState().message());
        messages.add(stopped.toString());
        assertThat(checked).hasSize(2);
        assertThat(stopped.connectionState().status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(stopped.connectionState().message()).contains("127.0.0.1:" + production.port()).doesNotContain("\n");
        assertThat(stopped.isReachable()).isFalse();
        RegisteredCluster working = registry.resolve("", "staging");
        assertThat(working.connectionState().status()).isEqualTo(ConnectionStatus.SUCCESSFUL);
        assertThat(working.cluster().list(CONFIG_MAPS, ListOptions.all()))
                .extracting(o -> o.path("metadata").path("name").asText()).contains("staging-settings");
    }

    @Test
    void aClusterAlreadyDownIsRegisteredAsFailedNotThrown() {
        production.close();

        RegisteredCluster down = registry.registerToken("production", production.url(), TOKEN, "");
        RegisteredCluster up = registry.registerKubeconfig("staging", staging.writeKubeconfig(temp.resolve("kubeconfig")), "");

        messages.add(down.connectionState().message());
        assertThat(down.connectionState().status()).isEqualTo(ConnectionStatus.FAILED);
        assertThat(down.serverVersion()).isEmpty();
        assertThat(up.isReachable()).isTrue();
        assertThat(registry.clusters()).extracting(RegisteredCluster::name).containsExactlyInAnyOrder("staging", "production");
    }

    @Test
    void aClusterThatNeverAnswersIsFailedWithinTheCheckTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ClusterRegistry quick = ClusterRegistry.builder().checkTimeout(Duration.ofSeconds(2)).build()) {
            List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> acceptForever(silent, accepted));
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();

            RegisteredCluster hanging = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> quick.registerToken("hanging", url, TOKEN, ""));
            RegisteredCluster other = quick.registerKubeconfig("staging", staging.writeKubeconfig(temp.resolve("kc")), "");

            messages.add(hanging.connectionState().message());
            assertThat(hanging.connectionState().status()).isEqualTo(ConnectionStatus.FAILED);
            assertThat(hanging.connectionState().message()).contains("no answer", "within 2000 ms");
            assertThat(other.isReachable()).isTrue();
            for (Socket socket : List.copyOf(accepted)) {
                socket.close();
            }
        }
    }

    @Test
    void aMissingKubeconfigContextIsAClearError() {
        Path kubeconfig = staging.writeKubeconfig(temp.resolve("kubeconfig"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.registerKubeconfig("staging", kubeconfig, "prod"))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("has no context 'prod'");
        assertThat(registry.clusters()).isEmpty();
    }

    @Test
    void aClusterSecretIsRegisteredWithItsNamespaces() {
        String config = "{\"bearerToken\": \"" + TOKEN + "\"}";
        String secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: production\n  namespace: argocd\n  labels:\n"
                + "    argocd.argoproj.io/secret-type: cluster\nstringData:\n  name: production\n  server: " + production.url()
                + "/\n  namespaces: team-a\n  config: '" + config + "'\n";

        RegisteredCluster registered = registry.registerSecret(io.gitops4j.kube.Yaml.readValue(secret, "secret.yaml"));

        messages.add(registered.toString());
        assertThat(registered.isReachable()).isTrue();
        assertThat(registered.server()).isEqualTo(production.url());
        assertThat(registered.namespaces()).containsExactly("team-a");
        assertThat(registry.resolve("", "production").cluster().list(CONFIG_MAPS, ListOptions.all()))
                .extracting(o -> o.path("metadata").path("name").asText()).contains("production-settings");
    }

    private static FakeCluster clusterWith(String configMap) {
        FakeCluster cluster = new FakeCluster();
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + configMap + ", namespace: default}\n");
        return cluster;
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        // Accepts and never answers, as a server that hangs does.
        try {
            while (!server.isClosed()) {
                accepted.add(server.accept());
            }
        } catch (IOException e) {
            // closed by the test
        }
    }
}
