package io.gitops4j.k8s.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering by client certificate and by service account, against the HTTP fake cluster. */
class ClusterCredentialsIT {

    @TempDir
    Path temp;

    private final FakeApiServer server = FakeApiServer.start(new FakeCluster());
    private final ClusterRegistry registry = ClusterRegistry.builder().checkTimeout(Duration.ofSeconds(3))
            .serviceAccountDirectory(Path.of("unused")).build();

    @AfterEach
    void stop() {
        registry.close();
        server.close();
    }

    @Test
    void aClientCertificateAndKeyBuildAClientThatReachesTheCluster() {
        String cert = base64Resource("client-cert.pem");
        String key = base64Resource("client-key.pem");

        RegisteredCluster registered = registry.registerClientCertificate("certified", server.url(), cert, key, "");

        assertThat(registered.isReachable()).isTrue();
        assertThat(registered.toString()).doesNotContain(key);
    }

    @Test
    void aKeyThatIsNoKeyIsAClearErrorWithoutTheKey() {
        String cert = base64Resource("client-cert.pem");
        String notAKey = Base64.getEncoder().encodeToString(
                "-----BEGIN PRIVATE KEY-----\nplanted-not-a-key-0a1b\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> registry.registerClientCertificate("broken", server.url(), cert, notAKey, ""))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("cluster 'broken' (" + server.url() + "): cannot build a client")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("planted-not-a-key").doesNotContain(notAKey));
        assertThat(registry.clusters()).isEmpty();
    }

    @Test
    void theInClusterClusterIsTheServiceAccountsAtKubernetesDefaultSvc() throws IOException {
        Path account = Files.createDirectories(temp.resolve("serviceaccount"));
        Files.writeString(account.resolve("token"), "planted-sa-token-77aa\n");
        try (ClusterRegistry inPod = ClusterRegistry.builder().checkTimeout(Duration.ofSeconds(2))
                .serviceAccountDirectory(account).build()) {
            RegisteredCluster local = inPod.registerInCluster();

            assertThat(local.name()).isEqualTo("in-cluster");
            assertThat(local.server()).isEqualTo("https://kubernetes.default.svc");
            assertThat(inPod.resolve("", "in-cluster")).isEqualTo(local);
            // No API server answers at kubernetes.default.svc here: registered, but Failed.
            assertThat(local.connectionState().status()).isEqualTo(ConnectionStatus.FAILED);
            assertThat(local.connectionState().message()).doesNotContain("planted-sa-token-77aa");
        }
    }

    @Test
    void withoutAServiceAccountTheInClusterClusterIsAClearError() {
        assertThatThrownBy(registry::registerInCluster)
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("no readable service account token at unused/token");
    }

    private static String base64Resource(String name) {
        try (InputStream in = ClusterCredentialsIT.class.getResourceAsStream("/clusters/tls/" + name)) {
            return Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
