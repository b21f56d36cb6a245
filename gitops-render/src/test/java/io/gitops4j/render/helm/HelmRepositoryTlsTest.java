package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart repository behind TLS that demands a client certificate (Argo CD's
 * {@code tlsClientCertData}/{@code tlsClientCertKey}), with a self-signed server certificate that
 * only {@code insecure} accepts. The test-only keys are in {@code helm-tls/}.
 */
class HelmRepositoryTlsTest {

    private static final Path TLS = fixtures("/helm-tls");
    private static final Path CHARTS = fixtures("/helm-repository");

    private final List<String> served = new CopyOnWriteArrayList<>();
    private HttpsServer server;
    private String url;

    @TempDir
    Path temp;

    @BeforeEach
    void serve() throws Exception {
        String cert = Files.readString(TLS.resolve("cert.pem"));
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", RepositoryTls.privateKey(Files.readString(TLS.resolve("rsa-pkcs8.key")), "test"),
                new char[0], new Certificate[] {certificate(cert)});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, new char[0]);
        KeyStore clients = KeyStore.getInstance("PKCS12");
        clients.load(null, null);
        clients.setCertificateEntry("client", certificate(cert));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(clients);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            served.add(name);
            byte[] body = Files.readAllBytes(CHARTS.resolve(name));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theClientCertificateIsPresentedAndInsecureAcceptsTheSelfSignedServer() throws IOException {
        HelmRepositoryCredentials credentials = new HelmRepositoryCredentials("", "",
                Files.readString(TLS.resolve("cert.pem")), Files.readString(TLS.resolve("rsa-pkcs1.key")), true);

        assertThat(charts(credentials).fetch(url, "web", "1.3.0")).exists();
        assertThat(served).containsExactly("index.yaml", "web-1.3.0.tgz");
    }

    @Test
    void withoutInsecureTheSelfSignedServerIsRefusedAndWithoutTheCertificateTheServerRefuses() throws IOException {
        HelmRepositoryCredentials verifying = new HelmRepositoryCredentials("", "",
                Files.readString(TLS.resolve("cert.pem")), Files.readString(TLS.resolve("rsa-pkcs8.key")), false);
        HelmRepositoryCredentials noCertificate = new HelmRepositoryCredentials("", "", "", "", true);

        assertThatThrownBy(() -> charts(verifying).fetch(url, "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("cannot download index.yaml from " + url + "index.yaml: ");
        assertThatThrownBy(() -> charts(noCertificate).fetch(url, "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("cannot download index.yaml from " + url + "index.yaml: ");
        assertThat(served).isEmpty();
    }

    @Test
    void pkcs1Pkcs8AndSec1KeysAreReadAndAnythingElseIsNamedWithoutItsContent() throws Exception {
        assertThat(RepositoryTls.privateKey(Files.readString(TLS.resolve("rsa-pkcs1.key")), "r"))
                .isEqualTo(RepositoryTls.privateKey(Files.readString(TLS.resolve("rsa-pkcs8.key")), "r"));
        assertThat(RepositoryTls.privateKey(Files.readString(TLS.resolve("ec-sec1.key")), "r").getAlgorithm())
                .isEqualTo("EC");
        assertThatThrownBy(() -> RepositoryTls.privateKey("-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n"
                + "-----END RSA PRIVATE KEY-----\n", "https://charts.example.com/"))
                .isInstanceOf(HelmException.class)
                .hasMessage("tlsClientCertKey of the chart repository https://charts.example.com/ is not a valid PEM RSA "
                        + "PRIVATE KEY");
        assertThatThrownBy(() -> RepositoryTls.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n", "r"))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("is a PEM 'ENCRYPTED PRIVATE KEY'; give an unencrypted");
    }

    private HelmChartRepository charts(HelmRepositoryCredentials credentials) {
        Path cache = temp.resolve("cache-" + System.nanoTime());
        return new HelmChartRepository(cache, Duration.ofSeconds(10), HelmLimits.DEFAULTS.maxChartBytes(),
                OciChartRegistry.builder(cache.resolve("oci")).build(), DownloadDeadline.DEFAULT,
                HelmRepositoryLogins.builder().repository(url, credentials).build());
    }

    private static Certificate certificate(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Path fixtures(String name) {
        try {
            return Path.of(Objects.requireNonNull(HelmRepositoryTlsTest.class.getResource(name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
