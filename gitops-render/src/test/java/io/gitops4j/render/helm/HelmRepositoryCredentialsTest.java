package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitops4j.render.HelmChartSource;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials of an {@code https://} chart repository (Argo CD's Helm repository Secrets): a
 * repository on the loopback interface that answers 401 without its Basic login, and a second
 * server (another port: another origin to Helm) that serves chart archives the index names or a
 * redirect leads to, and records every Authorization header it is sent.
 */
class HelmRepositoryCredentialsTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "pw-9f2c-never-shown";
    private static final Path FIXTURES = fixtures();

    private final List<String> repositorySaw = new CopyOnWriteArrayList<>();
    private final List<String> otherHostSaw = new CopyOnWriteArrayList<>();
    private HttpServer repository;
    private HttpServer otherHost;
    private volatile String archiveUrl = "web-1.3.0.tgz";
    private volatile boolean otherHostNeedsLogin;
    private String url;
    private String otherUrl;

    @TempDir
    Path temp;

    @BeforeEach
    void serve() throws IOException {
        repository = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        url = "http://127.0.0.1:" + repository.getAddress().getPort() + "/charts/";
        otherUrl = "http://127.0.0.1:" + otherHost.getAddress().getPort() + "/";
        repository.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            repositorySaw.add(exchange.getRequestURI().getPath() + " " + authorization);
            if (!basic(USER, PASSWORD).equals(authorization)) {
                send(exchange, 401, new byte[0]);
            } else if (exchange.getRequestURI().getPath().equals("/charts/index.yaml")) {
                send(exchange, 200, Files.readString(FIXTURES.resolve("index.yaml"))
                        .replace("- web-1.3.0.tgz", "- " + archiveUrl).getBytes(StandardCharsets.UTF_8));
            } else if (exchange.getRequestURI().getPath().equals("/charts/moved.tgz")) {
                exchange.getResponseHeaders().add("Location", otherUrl + "web-1.3.0.tgz");
                send(exchange, 302, new byte[0]);
            } else {
                serveFile(exchange, exchange.getRequestURI().getPath().substring("/charts/".length()));
            }
        });
        otherHost.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            otherHostSaw.add(exchange.getRequestURI().getPath() + " " + authorization);
            if (otherHostNeedsLogin && !basic(USER, PASSWORD).equals(authorization)) {
                send(exchange, 401, new byte[0]);
            } else {
                serveFile(exchange, exchange.getRequestURI().getPath().substring(1));
            }
        });
        repository.start();
        otherHost.start();
    }

    @AfterEach
    void stop() {
        repository.stop(0);
        otherHost.stop(0);
    }

    @Test
    void withoutCredentialsTheRepositoryRefusesAndTheMessageSaysWhatToDo() {
        assertThatThrownBy(() -> charts(HelmRepositoryLogins.NONE).fetch(url, "web", ""))
                .isInstanceOf(HelmException.class)
                .hasMessage("cannot download index.yaml from " + url + "index.yaml: HTTP 401; the repository needs "
                        + "credentials: give it a Helm repository Secret (type: helm) or Renderer.Builder.helmRepository");
    }

    @Test
    void aRepositorysOwnCredentialsAreSentForItsIndexAndItsChartArchive() throws IOException {
        Path archive = charts(logins(url)).fetch(url, "web", "1.3.0");

        assertThat(archive).hasBinaryContent(Files.readAllBytes(FIXTURES.resolve("web-1.3.0.tgz")));
        assertThat(repositorySaw).containsExactly("/charts/index.yaml " + basic(USER, PASSWORD),
                "/charts/web-1.3.0.tgz " + basic(USER, PASSWORD));
    }

    @Test
    void theLongestMatchingCredentialTemplateIsUsedAndARepositorysOwnEntryWins() {
        String hostRoot = url.substring(0, url.length() - "charts/".length());
        HelmRepositoryLogins templates = HelmRepositoryLogins.builder()
                .credentialTemplate(hostRoot, HelmRepositoryCredentials.basic(USER, "wrong"))
                .credentialTemplate(url, HelmRepositoryCredentials.basic(USER, PASSWORD))
                .build();
        assertThat(charts(templates).fetch(url, "web", "1.3.0")).exists();

        HelmRepositoryLogins own = HelmRepositoryLogins.builder()
                .credentialTemplate(url, HelmRepositoryCredentials.basic(USER, PASSWORD))
                .repository(url.toUpperCase(java.util.Locale.ROOT).replace("HTTP://", "http://"),
                        HelmRepositoryCredentials.basic(USER, "stale"))
                .build();
        assertThatThrownBy(() -> charts(own).fetch(url, "web", "1.2.3"))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("HTTP 401; the repository refused its credentials")
                .hasMessageNotContaining("stale");
    }

    @Test
    void aTemplateNeverReachesAnotherHostWhoseNameItsPrefixStarts() {
        HelmRepositoryLogins logins = HelmRepositoryLogins.builder()
                .credentialTemplate("https://charts.example.com", HelmRepositoryCredentials.basic(USER, PASSWORD))
                .build();

        assertThat(logins.find("https://charts.example.com/team/a")).isPresent();
        assertThat(logins.find("https://CHARTS.example.com")).isPresent();
        assertThat(logins.find("https://charts.example.com.attacker.net/")).isEmpty();
        assertThat(logins.find("https://charts.example.com:8443/")).isEmpty();
        assertThat(logins.find("https://charts.example.com@attacker.net/")).isEmpty();
    }

    @Test
    void aChartArchiveOnAnotherHostGetsNoCredentialsUnlessPassCredentialsSaysSo() {
        archiveUrl = otherUrl + "web-1.3.0.tgz";
        assertThat(charts(logins(url)).fetch(url, "web", "1.3.0")).exists();
        assertThat(otherHostSaw).containsExactly("/web-1.3.0.tgz null");

        otherHostNeedsLogin = true;
        otherHostSaw.clear();
        HelmChartRepository fresh = charts(logins(url));
        assertThatThrownBy(() -> fresh.fetch(url, "web", "1.3.0"))
                .isInstanceOf(HelmException.class)
                .hasMessage("cannot download web 1.3.0 from " + archiveUrl + ": HTTP 401; it is on another host than "
                        + "its repository " + url + ", which is sent no credentials (set helm.passCredentials to send "
                        + "them to every host)");
        assertThat(otherHostSaw).containsExactly("/web-1.3.0.tgz null");

        otherHostSaw.clear();
        assertThat(fresh.fetch(url, "web", "1.3.0", true)).exists();
        assertThat(otherHostSaw).containsExactly("/web-1.3.0.tgz " + basic(USER, PASSWORD));
    }

    @Test
    void aRedirectToAnotherHostDropsTheCredentials() {
        archiveUrl = "moved.tgz";

        assertThat(charts(logins(url)).fetch(url, "web", "1.3.0")).exists();

        assertThat(repositorySaw).contains("/charts/moved.tgz " + basic(USER, PASSWORD));
        assertThat(otherHostSaw).containsExactly("/web-1.3.0.tgz null");
    }

    @Test
    void aDependencyOnTheRepositoryIsDownloadedWithItsCredentials() throws IOException {
        Path checkout = Files.createDirectories(temp.resolve("checkout/app/templates"));
        Files.writeString(checkout.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n"
                + "dependencies:\n- name: web\n  version: 1.3.0\n  repository: " + url + "\n");
        HelmRenderer helm = HelmRenderer.builder().chartRepository(charts(logins(url))).build();
        try {
            List<ObjectNode> objects = helm.render(RepositoryRoot.of(temp.resolve("checkout")), "app",
                    HelmOptions.DEFAULTS.withReleaseName("shop").withNamespace("prod"));

            assertThat(objects).extracting(o -> o.path("metadata").path("name").asText()).contains("shop-web");
        } finally {
            helm.close();
        }
        assertThat(repositorySaw).containsExactly("/charts/index.yaml " + basic(USER, PASSWORD),
                "/charts/web-1.3.0.tgz " + basic(USER, PASSWORD));
    }

    @Test
    void theRenderersBuilderGivesTheCredentialsToChartSourcesAndHelmPassCredentialsReachesTheOtherHost() {
        String hostRoot = url.substring(0, url.length() - "charts/".length());
        Renderer renderer = Renderer.builder().chartCache(temp.resolve("renderer-cache")).cacheSize(0)
                .helmRepositoryCredentialTemplate(hostRoot, HelmRepositoryCredentials.basic(USER, PASSWORD)).build();
        HelmChartSource chart = new HelmChartSource(url, "web", "1.3.0");

        assertThat(renderer.render(request(chart, HelmOptions.DEFAULTS)).objects()).isNotEmpty();
        assertThat(repositorySaw).containsExactly("/charts/index.yaml " + basic(USER, PASSWORD),
                "/charts/web-1.3.0.tgz " + basic(USER, PASSWORD));

        archiveUrl = otherUrl + "web-1.3.0.tgz";
        otherHostNeedsLogin = true;
        Renderer fresh = Renderer.builder().chartCache(temp.resolve("fresh-cache")).cacheSize(0)
                .helmRepositoryCredentialTemplate(hostRoot, HelmRepositoryCredentials.basic(USER, PASSWORD)).build();
        HelmOptions passCredentials = new HelmOptions(List.of(), false, "", Optional.empty(), List.of(), "", "", "",
                List.of(), false, false, true);

        assertThat(fresh.render(request(chart, passCredentials)).objects()).isNotEmpty();
        assertThat(otherHostSaw).containsExactly("/web-1.3.0.tgz " + basic(USER, PASSWORD));
    }

    private RenderRequest request(HelmChartSource chart, HelmOptions options) {
        return new RenderRequest(RepositoryRoot.of(temp), ".", new SourceOptions(Optional.empty(), Optional.empty(),
                Optional.of(options), Optional.empty(), Optional.of(chart)), "shop", "prod", url, "1.3.0", "");
    }

    @Test
    void credentialsNeverShowInTextAndBothHalvesOfAClientCertificateAreNeeded() {
        HelmRepositoryCredentials credentials = HelmRepositoryCredentials.basic(USER, PASSWORD);

        assertThat(credentials.toString()).doesNotContain(PASSWORD);
        assertThat(logins(url).toString()).doesNotContain(PASSWORD);
        assertThatThrownBy(() -> new HelmRepositoryCredentials("", "", "-----BEGIN CERTIFICATE-----", "", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a TLS client certificate needs both tlsClientCertData and tlsClientCertKey");
    }

    private HelmChartRepository charts(HelmRepositoryLogins logins) {
        Path cache = temp.resolve("cache-" + System.nanoTime());
        return new HelmChartRepository(cache, Duration.ofSeconds(10), HelmLimits.DEFAULTS.maxChartBytes(),
                OciChartRegistry.builder(cache.resolve("oci")).build(), DownloadDeadline.DEFAULT, logins);
    }

    private static HelmRepositoryLogins logins(String repositoryUrl) {
        return HelmRepositoryLogins.builder().repository(repositoryUrl, HelmRepositoryCredentials.basic(USER, PASSWORD))
                .build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void serveFile(HttpExchange exchange, String name) throws IOException {
        Path file = FIXTURES.resolve(name);
        if (name.endsWith(".tgz") && Files.isRegularFile(file)) {
            send(exchange, 200, Files.readAllBytes(file));
        } else {
            send(exchange, 404, new byte[0]);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(HelmRepositoryCredentialsTest.class.getResource("/helm-repository")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
