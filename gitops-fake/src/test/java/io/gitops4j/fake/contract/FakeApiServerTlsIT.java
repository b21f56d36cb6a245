package io.gitops4j.fake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.Yaml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake API server over HTTPS: clients configured only from its kubeconfig trust its
 * certificate through {@code certificate-authority-data} and nothing else, and a client that does
 * not trust it is refused in the handshake. The kubectl case is skipped when no kubectl is on the
 * PATH.
 */
class FakeApiServerTlsIT {

    @TempDir
    Path directory;

    private final FakeCluster cluster = new FakeCluster();
    private final FakeApiServer server = FakeApiServer.startTls(cluster);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theKubeconfigNamesAnHttpsServerAndItsCertificateForTheLoopbackAddress() throws Exception {
        var cluster0 = Yaml.readValue(server.kubeconfig(), "kubeconfig").at("/clusters/0/cluster");
        assertThat(cluster0.path("server").asText()).isEqualTo("https://127.0.0.1:" + server.port())
                .isEqualTo(server.url());
        String pem = new String(Base64.getDecoder().decode(cluster0.path("certificate-authority-data").asText()));
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");

        X509Certificate certificate = server.certificate().orElseThrow();
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                .containsExactly((Object) "localhost", "127.0.0.1");
        assertThat(certificate.getBasicConstraints()).as("its own certificate authority").isGreaterThanOrEqualTo(0);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(FakeApiServer.start(new FakeCluster()).certificate()).as("plain HTTP has none").isEmpty();
    }

    @Test
    void fabric8FromTheKubeconfigCreatesReadsAndWatchesOverTls() throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.kubeconfig())).build()) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            try (Watch watch = client.configMaps().inNamespace("shop").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap configMap) {
                    events.add(action + " " + configMap.getMetadata().getName());
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata()
                        .build()).create();
                client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("settings").endMetadata().addToData("color", "blue").build()).create();

                assertThat(events.poll(30, TimeUnit.SECONDS)).isEqualTo("ADDED settings");
            }
            assertThat(client.configMaps().inNamespace("shop").withName("settings").get().getData())
                    .containsEntry("color", "blue");
        }
        assertThat(cluster.get("v1", "ConfigMap", "shop", "settings")).isPresent();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefusedInTheHandshake() {
        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(server.url() + "/version")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);

        Config withoutTheAuthority = new ConfigBuilder(Config.fromKubeconfig(server.kubeconfig()))
                .withCaCertData(null).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(withoutTheAuthority).build()) {
            assertThatThrownBy(() -> client.namespaces().list()).isInstanceOf(KubernetesClientException.class)
                    .hasStackTraceContaining("PKIX path building failed");
        }
    }

    @Test
    void kubectlFromTheKubeconfigTalksHttpsToIt() throws Exception {
        var found = Kubectl.onPath(server.writeKubeconfig(directory.resolve("kubeconfig")));
        assumeTrue(found.isPresent(), "kubectl is not on the PATH");
        Kubectl kubectl = found.get();

        Kubectl.Result created = kubectl.run("create", "namespace", "shop");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("namespace/shop created");
        Kubectl.Result got = kubectl.run("get", "namespace", "shop", "-o", "name");
        assertThat(got.exitCode()).as(got.err()).isZero();
        assertThat(got.out().trim()).isEqualTo("namespace/shop");
        assertThat(cluster.get("v1", "Namespace", "", "shop")).isPresent();
    }
}
