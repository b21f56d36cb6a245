package io.gitops4j.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.core.webhook.WebhookSecrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The controller's HTTP port over real HTTP: push webhooks of every provider, signed, unsigned
 * and forged, with and without a configured secret; oversized and malformed bodies; metrics and
 * health.
 */
class ControllerHttpServerTest {

    private static final String SECRET = "s3cr3t-webhook-shared-value";
    private static final String BITBUCKET_UUID = "{9f3c8a5e-1b2d-4c6e-8f7a-0b1c2d3e4f5a}";
    private static final WebhookSecrets SECRETS = new WebhookSecrets(SECRET, SECRET, BITBUCKET_UUID, SECRET, SECRET);

    private final List<String> refreshed = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ControllerHttpServer server;

    /** One provider: its fixture, the headers it always sends, how it signs, the URLs its push names. */
    record Provider(String name, String fixture, Map<String, String> headers,
            BiFunction<String, byte[], Map<String, String>> signer, List<String> urls) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Provider> providers() {
        return Stream.of(
                new Provider("GitHub", "github-push.json",
                        Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
                        (secret, body) -> Map.of("X-Hub-Signature-256", "sha256=" + hmac(secret, body)),
                        List.of("https://github.com/example-org/guestbook")),
                new Provider("GitLab", "gitlab-push.json", Map.of("X-Gitlab-Event", "Push Hook"),
                        (secret, body) -> Map.of("X-Gitlab-Token", secret),
                        List.of("https://gitlab.example.com/platform/guestbook")),
                new Provider("Bitbucket Cloud", "bitbucket-cloud-push.json",
                        Map.of("X-Event-Key", "repo:push", "X-Request-UUID", "0b5e1b8c-6f0e-4c6b-9d6e-3a2f1c0d9e8b"),
                        (secret, body) -> Map.of("X-Hook-UUID", secret.equals(SECRET) ? BITBUCKET_UUID : secret),
                        List.of("https://bitbucket.org/example-team/guestbook")),
                new Provider("Bitbucket Server", "bitbucket-server-refs-changed.json",
                        Map.of("X-Event-Key", "repo:refs_changed", "X-Request-Id", "d6a1e1f0-9a5b-4c8e-b0f1-2c3d4e5f6a7b"),
                        (secret, body) -> Map.of("X-Hub-Signature", "sha256=" + hmac(secret, body)),
                        List.of("ssh://git@bitbucket.example.com:7999/plat/guestbook.git",
                                "https://bitbucket.example.com/scm/plat/guestbook.git")),
                new Provider("Gitea", "gitea-push.json",
                        Map.of("X-Gitea-Event", "push", "X-Gogs-Event", "push", "X-GitHub-Event", "push",
                                "X-Gitea-Delivery", "f6266f16-1bf3-46a5-9ea4-602e06ead473"),
                        (secret, body) -> Map.of("X-Gitea-Signature", hmac(secret, body), "X-Gogs-Signature",
                                hmac(secret, body), "X-Hub-Signature-256", "sha256=" + hmac(secret, body)),
                        List.of("https://gitea.example.com/ops/guestbook")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aSignedPushRefreshesItsRepositoryAtItsBranch(Provider provider) throws Exception {
        start(SECRETS);
        byte[] body = fixture(provider.fixture());

        HttpResponse<String> response = post(with(provider.headers(), provider.signer().apply(SECRET, body)), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(refreshed).containsExactlyElementsOf(provider.urls().stream().map(url -> url + " @ main").toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anUnsignedPushIsRefusedWhenASecretIsConfigured(Provider provider) throws Exception {
        start(SECRETS);

        HttpResponse<String> response = post(provider.headers(), fixture(provider.fixture()));

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        assertThat(refreshed).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aPushSignedWithAnotherSecretIsRefusedAndTheSecretIsNotEchoed(Provider provider) throws Exception {
        start(SECRETS);
        byte[] body = fixture(provider.fixture());

        HttpResponse<String> response = post(with(provider.headers(),
                provider.signer().apply("an-attacker-guess", body)), body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain(BITBUCKET_UUID)
                .doesNotContain(hmac(SECRET, body));
        assertThat(refreshed).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aSignatureOfAnotherBodyIsRefused(Provider provider) throws Exception {
        start(SECRETS);
        byte[] body = fixture(provider.fixture());
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("guestbook", "payments")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(with(provider.headers(), provider.signer().apply(SECRET, body)), tampered);

        boolean signsTheBody = !provider.name().startsWith("GitLab") && !provider.name().equals("Bitbucket Cloud");
        if (signsTheBody) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(refreshed).isEmpty();
        } else {
            // GitLab's token and Bitbucket Cloud's UUID do not sign the body: Argo CD's checks, no more.
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anUnsignedPushIsAcceptedWhenNoSecretIsConfigured(Provider provider) throws Exception {
        start(WebhookSecrets.none());
        Map<String, String> headers = provider.name().equals("Bitbucket Cloud")
                ? with(provider.headers(), Map.of("X-Hook-UUID", BITBUCKET_UUID)) : provider.headers();

        HttpResponse<String> response = post(headers, fixture(provider.fixture()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(refreshed).hasSize(provider.urls().size());
    }

    @Test
    void aMalformedBodyIsRefusedNamingThePosition() throws Exception {
        start(WebhookSecrets.none());

        HttpResponse<String> response = post(Map.of("X-GitHub-Event", "push"),
                "{\"ref\": \"refs/heads/main\", \"repository\": {".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("GitHub webhook").contains("not valid JSON");
        assertThat(refreshed).isEmpty();
    }

    @Test
    void aPushWithoutARepositoryIsRefusedNamingTheField() throws Exception {
        start(WebhookSecrets.none());

        HttpResponse<String> response = post(Map.of("X-GitHub-Event", "push"),
                "{\"ref\": \"refs/heads/main\", \"repository\": {\"html_url\": 42}}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("repository.html_url");
        assertThat(refreshed).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        server = ControllerHttpServer.builder().port(0).address(InetAddress.getLoopbackAddress())
                .webhooks(WebhookHandler.builder(this::record).maxPayloadBytes(1024).build()).build().start();
        byte[] body = new byte[64 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        HttpResponse<String> response = post(Map.of("X-GitHub-Event", "push"), body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(refreshed).isEmpty();
    }

    @Test
    void aBodyWithoutContentLengthIsCutOffAtTheLimit() throws Exception {
        server = ControllerHttpServer.builder().port(0).address(InetAddress.getLoopbackAddress())
                .webhooks(WebhookHandler.builder(this::record).maxPayloadBytes(1024).build()).build().start();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/webhook")).header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private int left = 1024 * 1024;

                    @Override
                    public int read() {
                        return left-- > 0 ? ' ' : -1;
                    }
                })).build();

        // The server answers 413 and closes the connection while the client still sends, so the
        // client sees either that answer or the connection cut off; never a refresh.
        try {
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        } catch (IOException cutOff) {
            assertThat(cutOff).hasMessageNotContaining("Connection refused");
        }

        assertThat(refreshed).isEmpty();
        assertThat(post(Map.of("X-GitHub-Event", "push"), "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .as("still answering").isEqualTo(400);
    }

    @Test
    void pingsAndUnknownSendersAndOtherMethods() throws Exception {
        start(SECRETS);
        byte[] ping = fixture("github-ping.json");

        assertThat(post(Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, ping)), ping)
                .statusCode()).isEqualTo(200);
        assertThat(post(Map.of("X-GitHub-Event", "ping"), ping).statusCode()).isEqualTo(401);
        assertThat(post(Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, ping)),
                ping).statusCode()).isEqualTo(400);
        assertThat(post(Map.of("X-Some-Event", "push"), ping).statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/webhook")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(http.send(HttpRequest.newBuilder(uri("/nowhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(refreshed).isEmpty();
    }

    @Test
    void metricsInPrometheusTextAndHealth() throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("argocd_app_reconcile_count").tag("name", "guestbook").register(metrics).increment(3);
        List<Optional<String>> health = new CopyOnWriteArrayList<>(List.of(Optional.empty()));
        server = ControllerHttpServer.builder().port(0).address(InetAddress.getLoopbackAddress()).metrics(metrics)
                .health(() -> health.get(0)).build().start();

        HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(uri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> healthy = http.send(HttpRequest.newBuilder(uri("/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        health.set(0, Optional.of("the cluster cannot be reached"));
        HttpResponse<String> unhealthy = http.send(HttpRequest.newBuilder(uri("/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(scraped.body()).contains("# TYPE argocd_app_reconcile_count")
                .contains("argocd_app_reconcile_count_total{name=\"guestbook\"} 3.0");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("ok\n");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).contains("cannot be reached");
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/webhook")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    private int record(String repoURL, String revision) {
        refreshed.add(repoURL + " @ " + revision);
        return 1;
    }

    private void start(WebhookSecrets secrets) {
        server = ControllerHttpServer.builder().port(0).address(InetAddress.getLoopbackAddress())
                .webhooks(WebhookHandler.builder(this::record).secrets(secrets).build()).build().start();
    }

    private HttpResponse<String> post(Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/webhook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static Map<String, String> with(Map<String, String> headers, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return all;
    }

    static byte[] fixture(String name) {
        try (InputStream in = ControllerHttpServerTest.class.getResourceAsStream("/webhook/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
