package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts from an HTTP chart repository, served on the loopback interface by the test. */
class HelmChartRepositoryTest {

    private final Path fixtures = fixtures();
    private final Map<String, byte[]> overrides = new ConcurrentHashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();
    private HttpServer server;
    private String url;

    @TempDir
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            Path file = fixtures.resolve(name);
            byte[] body = overrides.containsKey(name) ? overrides.get(name)
                    : Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            if (name.endsWith(".tgz")) {
                downloads.incrementAndGet();
            }
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theNewestVersionIsTakenWhenNoneIsGivenAndTemplatesLikeHelm() throws IOException {
        Path archive = repository().fetch(url, "web", "");

        assertThat(archive.getFileName().toString()).isEqualTo("web-1.3.0.tgz");
        List<ObjectNode> objects = HelmRenderer.create().renderPackaged(archive,
                HelmOptions.DEFAULTS.withReleaseName("shop").withNamespace("prod"));
        List<ObjectNode> golden = Yaml.readDocuments(Files.readString(fixtures.resolve("expected-web-1.3.0.yaml")), "golden")
                .stream().map(YamlDocument::body).toList();
        assertThat(objects).isEqualTo(golden);
    }

    @Test
    void exactAndWildcardVersionsAreHonouredAndArchivesAreDownloadedOnce() {
        HelmChartRepository repository = repository();

        assertThat(repository.fetch(url, "web", "1.2.3").getFileName().toString()).isEqualTo("web-1.2.3.tgz");
        assertThat(repository.fetch(url, "web", "1.2.*").getFileName().toString()).isEqualTo("web-1.2.3.tgz");
        assertThat(downloads).hasValue(1);
    }

    @Test
    void anArchiveThatDoesNotMatchItsDigestIsRefused() {
        overrides.put("web-1.3.0.tgz", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> repository().fetch(url, "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("does not match the digest");
    }

    @Test
    void unknownChartsAndVersionsNameTheRepository() {
        assertThatThrownBy(() -> repository().fetch(url, "nope", ""))
                .isInstanceOf(HelmException.class).hasMessage("chart 'nope' not found in " + url + "index.yaml");
        assertThatThrownBy(() -> repository().fetch(url, "web", "9.9.9"))
                .isInstanceOf(HelmException.class).hasMessageContaining("no version matching '9.9.9'");
    }

    @Test
    void anArchiveLargerThanTheLimitIsNotDownloadedWhole() throws IOException {
        HelmChartRepository repository = new HelmChartRepository(cache.resolve("charts"), Duration.ofSeconds(5), 100);
        String archive = url + "web-1.3.0.tgz";

        assertThatThrownBy(() -> repository.fetch(url, "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("web 1.3.0 from " + archive + " is larger than 100 bytes; refusing it");
        assertThat(Files.size(fixtures.resolve("web-1.3.0.tgz"))).isGreaterThan(100);
    }

    @Test
    void credentialsInTheRepositoryUrlStayOutOfMessages() {
        String withToken = url.replace("http://", "http://alice:s3cr3t@");

        assertThatThrownBy(() -> repository().fetch(withToken, "nope", ""))
                .isInstanceOf(HelmException.class)
                .hasMessage("chart 'nope' not found in " + url.replace("http://", "http://***@") + "index.yaml");
    }

    @Test
    void anUnreachableRepositoryIsNamedWithAReasonNotNull() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/charts/";

        assertThatThrownBy(() -> repository().fetch(unreachable, "web", ""))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("cannot download index.yaml from " + unreachable + "index.yaml: ")
                .hasMessageNotContaining("null");
    }

    private HelmChartRepository repository() {
        return new HelmChartRepository(cache.resolve("charts"), Duration.ofSeconds(5));
    }

    private static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(HelmChartRepositoryTest.class.getResource("/helm-repository")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
