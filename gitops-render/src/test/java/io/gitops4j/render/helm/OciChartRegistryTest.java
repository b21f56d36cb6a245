package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts from an OCI registry served on the loopback interface by the test, as registries serve
 * them: a token service that wants a login, manifests that name the chart layer by digest, blobs
 * redirected to a storage host, tag lists in pages.
 */
class OciChartRegistryTest {

    private static final String TOKEN = "registry-token-0123";
    private static final RegistryLogin LOGIN = new RegistryLogin("robot", "p4ssw0rd-never-shown");

    private final Path fixtures = fixtures();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, String> manifests = new ConcurrentHashMap<>();
    private final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger blobDownloads = new AtomicInteger();
    private HttpServer registry;
    private HttpServer storage;
    private String host;
    private volatile boolean hostileTags;
    private volatile boolean endlessTags;

    @TempDir
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/", exchange -> {
            storageAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            blobDownloads.incrementAndGet();
            byte[] blob = blobs.get(exchange.getRequestURI().getPath().substring(1));
            answer(exchange, blob == null ? 404 : 200, blob);
        });
        storage.start();
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host = "127.0.0.1:" + registry.getAddress().getPort();
        registry.createContext("/token", exchange -> {
            String basic = "Basic " + Base64.getEncoder().encodeToString((LOGIN.username() + ":" + LOGIN.password())
                    .getBytes(StandardCharsets.UTF_8));
            boolean loggedIn = basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && exchange.getRequestURI().getQuery().contains("scope=repository:charts/web:pull");
            answer(exchange, loggedIn ? 200 : 401, loggedIn ? ("{\"token\":\"" + TOKEN + "\"}").getBytes() : null);
        });
        registry.createContext("/v2/", this::registry);
        registry.start();
        for (String version : List.of("1.2.3", "1.3.0")) {
            publish(version, Files.readAllBytes(fixtures.resolve("web-" + version + ".tgz")));
        }
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        storage.stop(0);
    }

    @Test
    void aChartIsPulledThroughTheTokenServiceAndTemplatesLikeHelm() throws IOException {
        Path archive = registry().fetch("oci://" + host + "/charts", "web", "1.3.0");

        assertThat(archive).hasBinaryContent(Files.readAllBytes(fixtures.resolve("web-1.3.0.tgz")));
        List<ObjectNode> objects = HelmRenderer.create().renderPackaged(archive,
                HelmOptions.DEFAULTS.withReleaseName("shop").withNamespace("prod"));
        List<ObjectNode> golden = Yaml.readDocuments(Files.readString(fixtures.resolve("expected-web-1.3.0.yaml")), "golden")
                .stream().map(YamlDocument::body).toList();
        assertThat(objects).isEqualTo(golden);
    }

    @Test
    void argoCdsRepoUrlWithoutTheOciSchemeIsARegistryToo() throws IOException {
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(5), 10_000_000, registry());

        assertThat(repository.fetch(host + "/charts", "web", "^1.2.0"))
                .hasBinaryContent(Files.readAllBytes(fixtures.resolve("web-1.3.0.tgz")));
    }

    @Test
    void aRegistryNobodyListensOnIsNamedWithTheReason() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OciChartRegistry closed = OciChartRegistry.builder(cache).plainHttp(true).timeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> closed.fetch("oci://127.0.0.1:" + port + "/charts", "web", "1.0.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("cannot read the manifest of 127.0.0.1:" + port + "/charts/web:1.0.0 from 127.0.0.1: cannot "
                        + "connect (refused, or the host is unknown)");
    }

    @Test
    void theTokenIsNotSentToTheStorageHostABlobIsRedirectedTo() {
        registry().fetch("oci://" + host + "/charts", "web", "1.2.3");

        assertThat(storageAuthorizations).containsExactly("null");
    }

    @Test
    void wildcardsAndEmptyVersionsPickFromTheTagListAcrossPages() {
        OciChartRegistry registry = registry();

        assertThat(registry.fetch("oci://" + host + "/charts", "web", "1.2.*"))
                .hasSameBinaryContentAs(fixtures.resolve("web-1.2.3.tgz"));
        assertThat(registry.fetch("oci://" + host + "/charts/", "web", ""))
                .hasSameBinaryContentAs(fixtures.resolve("web-1.3.0.tgz"));
        assertThatThrownBy(() -> registry.fetch("oci://" + host + "/charts", "web", "2.*"))
                .isInstanceOf(HelmException.class)
                .hasMessage("chart " + host + "/charts/web has no version matching '2.*' among its 3 tags");
    }

    @Test
    void aCachedDigestIsNotDownloadedAgain() {
        OciChartRegistry registry = registry();

        registry.fetch("oci://" + host + "/charts", "web", "1.3.0");
        registry.fetch("oci://" + host + "/charts", "web", "1.3.0");

        assertThat(blobDownloads).hasValue(1);
    }

    @Test
    void aBlobThatDoesNotMatchItsDigestIsRefusedAndNotCached() throws IOException {
        String digest = manifestDigestOf("1.3.0");
        blobs.put(digest, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> registry().fetch("oci://" + host + "/charts", "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("chart " + host + "/charts/web:1.3.0 does not match its digest " + digest + "; refusing it");
        assertThat(cache.resolve("oci")).satisfiesAnyOf(
                dir -> assertThat(Files.exists(dir)).isFalse(),
                dir -> assertThat(Files.list(dir).filter(f -> f.toString().endsWith(".tgz")).count()).isZero());
    }

    @Test
    void anImageThatIsNotAChartIsNamedAsSuch() {
        manifests.put("9.9.9", "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + "0".repeat(64) + "\"}]}");

        assertThatThrownBy(() -> registry().fetch("oci://" + host + "/charts", "web", "9.9.9"))
                .isInstanceOf(HelmException.class)
                .hasMessage(host + "/charts/web:9.9.9 is not a Helm chart (its manifest has no layer of type "
                        + OciChartRegistry.CHART_LAYER + ")");
    }

    @Test
    void aChartLargerThanTheLimitIsRefusedFromItsManifest() {
        OciChartRegistry small = OciChartRegistry.builder(cache).plainHttp(true).login(host, LOGIN).maxArchiveBytes(100)
                .timeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> small.fetch("oci://" + host + "/charts", "web", "1.3.0"))
                .isInstanceOf(HelmException.class).hasMessageContaining("larger than the 100 bytes allowed");
        assertThat(blobDownloads).hasValue(0);
    }

    @Test
    void withoutTheRightLoginTheMessageAsksForOneAndShowsNoSecret() {
        OciChartRegistry anonymous = OciChartRegistry.builder(cache).plainHttp(true).timeout(Duration.ofSeconds(5)).build();
        OciChartRegistry wrong = OciChartRegistry.builder(cache).plainHttp(true).timeout(Duration.ofSeconds(5))
                .login(host, new RegistryLogin("robot", "wrong-s3cret")).build();

        assertThatThrownBy(() -> anonymous.fetch("oci://" + host + "/charts", "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("the token service of " + host + " refused a token to read the manifest of " + host
                        + "/charts/web:1.3.0: HTTP 401 (give the registry a login)");
        assertThatThrownBy(() -> wrong.fetch("oci://" + host + "/charts", "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessageNotContaining("wrong-s3cret");
        assertThat(LOGIN.toString()).doesNotContain(LOGIN.password());
    }

    @Test
    void aHostileRegistryCannotSteerRequestsWithTagsOrLinks() {
        hostileTags = true;

        assertThatThrownBy(() -> registry().fetch("oci://" + host + "/charts", "web", "1.*"))
                .isInstanceOf(HelmException.class)
                .hasMessage("the tag list of " + host + "/charts/web continues at another address; refusing to follow it "
                        + "(give targetRevision as an exact version)");
        assertThatThrownBy(() -> registry().fetch("oci://" + host + "/charts", "web", "1.0 ?x=1"))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("is not an OCI tag");
    }

    @Test
    void aTagListLongerThanTheBoundIsRefused() {
        endlessTags = true;

        assertThatThrownBy(() -> registry().fetch("oci://" + host + "/charts", "web", ""))
                .isInstanceOf(HelmException.class)
                .hasMessage(host + "/charts/web lists more than 100000 tags; give targetRevision as an exact version");
    }

    @Test
    void repoUrlsThatAreNeitherRepositoriesNorRegistriesAreClearErrors() {
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(5));

        assertThatThrownBy(() -> repository.fetch("ftp://charts.example.com", "web", "1.0.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("repoURL ftp://charts.example.com of chart 'web' is neither a chart repository (https://...) "
                        + "nor an OCI registry (oci://...); write it with its scheme");
        assertThatThrownBy(() -> repository.fetch("oci://user:pw@registry.example.com/Charts", "web", "1.0.0"))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("repoURL oci://***@registry.example.com/Charts with chart 'web' is not an OCI "
                        + "chart reference");
    }

    private OciChartRegistry registry() {
        return OciChartRegistry.builder(cache.resolve("oci")).plainHttp(true).login(host, LOGIN)
                .timeout(Duration.ofSeconds(5)).build();
    }

    private void registry(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host + "/token\","
                    + "service=\"test-registry\",scope=\"repository:charts/web:pull\"");
            answer(exchange, 401, null);
        } else if (path.equals("/v2/charts/web/tags/list")) {
            boolean second = exchange.getRequestURI().getQuery() != null;
            if (endlessTags) {
                StringBuilder tags = new StringBuilder("{\"tags\":[");
                for (int i = 0; i <= 100_000; i++) {
                    tags.append(i == 0 ? "" : ",").append("\"0.0.").append(i).append('"');
                }
                answer(exchange, 200, tags.append("]}").toString().getBytes());
                return;
            }
            if (hostileTags) {
                exchange.getResponseHeaders().add("Link", "<http://evil.example/v2/charts/web/tags/list?n=2>; rel=\"next\"");
                answer(exchange, 200, "{\"tags\":[\"../../../v2/other/manifests/x\",\"1.0.0 x\"]}".getBytes());
                return;
            }
            if (!second) {
                exchange.getResponseHeaders().add("Link", "</v2/charts/web/tags/list?n=2&last=1.2.3>; rel=\"next\"");
            }
            answer(exchange, 200, (second ? "{\"tags\":[\"1.3.0\"]}" : "{\"tags\":[\"1.2.3\",\"1.4.0-rc.1\"]}").getBytes());
        } else if (path.startsWith("/v2/charts/web/manifests/")) {
            String manifest = manifests.get(path.substring("/v2/charts/web/manifests/".length()));
            answer(exchange, manifest == null ? 404 : 200, manifest == null ? null : manifest.getBytes());
        } else if (path.startsWith("/v2/charts/web/blobs/")) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort() + "/"
                    + path.substring("/v2/charts/web/blobs/".length()));
            answer(exchange, 307, null);
        } else {
            answer(exchange, 404, null);
        }
    }

    private void publish(String version, byte[] chart) {
        String digest = "sha256:" + sha256(chart);
        blobs.put(digest, chart);
        manifests.put(version, "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\"},"
                + "\"layers\":[{\"mediaType\":\"" + OciChartRegistry.CHART_LAYER + "\",\"digest\":\"" + digest
                + "\",\"size\":" + chart.length + "}]}");
    }

    private String manifestDigestOf(String version) {
        String manifest = manifests.get(version);
        int start = manifest.indexOf("sha256:");
        return manifest.substring(start, start + 71);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(OciChartRegistryTest.class.getResource("/helm-repository")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
