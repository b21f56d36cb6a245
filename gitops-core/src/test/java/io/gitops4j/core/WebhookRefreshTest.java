package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.server.ControllerHttpServer;
import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.core.webhook.WebhookSecrets;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push webhook reaching the application controller: the pushed repository's web URL refreshes
 * applications that spell it as SSH or with {@code .git}, and a signed push over HTTP syncs a new
 * commit without waiting for the refresh interval.
 */
class WebhookRefreshTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aWebUrlRefreshesTheApplicationsOfEverySpellingOfItsRepositoryAtTheirBranch() {
        register("ssh-form", "git@github.com:example-org/guestbook.git", "main");
        register("https-git", "https://GitHub.com/example-org/guestbook.git", "refs/heads/main");
        register("ssh-port", "ssh://git@ssh.github.com:443/example-org/guestbook", "HEAD");
        register("other-branch", "https://github.com/example-org/guestbook", "release-1");
        register("other-repo", "https://github.com/example-org/guestbook-prod", "main");

        assertThat(fixture.controller.refresh("https://github.com/example-org/guestbook", "main")).isEqualTo(3);
    }

    @Test
    void aSignedGitHubPushSyncsTheNewCommitBeforeTheInterval() throws Exception {
        String secret = "shared-webhook-secret";
        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                .build());
        fixture.controller.start();
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(2);
        fixture.repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(3))
                .commit("scale to 3");
        try (ControllerHttpServer server = ControllerHttpServer.builder().port(0)
                .address(InetAddress.getLoopbackAddress())
                .webhooks(WebhookHandler.builder(fixture.controller::refresh)
                        .secrets(new WebhookSecrets(secret, "", "", "", "")).build())
                .build().start()) {
            byte[] push = ("{\"ref\": \"refs/heads/master\", \"repository\": {\"html_url\": \"" + fixture.repo.url()
                    + "\", \"default_branch\": \"master\"}}").getBytes(StandardCharsets.UTF_8);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> forged = http.send(request(server, push, "sha256=" + hmac("guess", push)),
                    HttpResponse.BodyHandlers.ofString());
            fixture.run();
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(fixture.replicas()).as("a forged push refreshes nothing").isEqualTo(2);

            HttpResponse<String> signed = http.send(request(server, push, "sha256=" + hmac(secret, push)),
                    HttpResponse.BodyHandlers.ofString());
            fixture.run();

            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            assertThat(signed.body()).contains("1 application(s) refreshed");
            assertThat(fixture.replicas()).isEqualTo(3);
        }
    }

    private void register(String name, String repoURL, String revision) {
        fixture.controller.register(Application.builder(name).repoURL(repoURL).targetRevision(revision)
                .path("apps").destinationNamespace(name).build());
    }

    private static HttpRequest request(ControllerHttpServer server, byte[] body, String signature) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/webhook"))
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", signature)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
