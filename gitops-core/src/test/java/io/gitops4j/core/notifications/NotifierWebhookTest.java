package io.gitops4j.core.notifications;

import static io.gitops4j.core.notifications.AppFixtures.failedSync;
import static io.gitops4j.core.notifications.AppFixtures.withAnnotation;
import static io.gitops4j.core.notifications.AppFixtures.withoutAnnotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A generic webhook with headers, basic auth and secret references; the secrets never reach text. */
class NotifierWebhookTest {

    private static final String TOKEN = "s3cr3t-T0KEN-9f8e7d";
    private static final String PASSWORD = "hunter2-PASSWORD-xyz";

    private final RecordingEndpoint endpoint = new RecordingEndpoint();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    NotifierWebhookTest() throws Exception {
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private String configMap() {
        return """
                data:
                  service.webhook.github: |
                    url: %s/api/v3?access_token=$github-token
                    headers:
                    - name: X-Api-Token
                      value: $github-token
                    - name: Content-Type
                      value: application/json
                    basicAuth:
                      username: bot
                      password: $github-password
                  trigger.on-sync-failed: |
                    - when: app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']
                      send: [github-status]
                      oncePer: app.status.operationState?.syncResult?.revision
                  template.github-status: |
                    message: unused by webhooks
                    webhook:
                      github:
                        method: POST
                        path: /repos/guestbook/statuses/{{.app.status.operationState.syncResult.revision}}
                        body: |
                          {"state": "error", "description": "{{.app.metadata.name}} failed to sync", "context": "{{.serviceType}}"}
                """.formatted(endpoint.url());
    }

    private static String secret() {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: argocd-notifications-secret}
                data:
                  github-password: %s
                stringData:
                  github-token: %s
                """.formatted(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)), TOKEN);
    }

    private static JsonNode subscribed() {
        return withAnnotation(withoutAnnotations(failedSync("abc123")), "notifications.argoproj.io/subscribe.on-sync-failed.github", "");
    }

    private Notifier notifier(NotificationsConfig config) {
        return Notifier.builder(config).executor(Runnable::run).clock(clock).pacer(next -> { })
                .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1))).build();
    }

    @Test
    void postsTheTemplatesRequestWithTheServicesHeadersAndResolvedSecrets() {
        notifier(NotificationsConfigReader.read(configMap(), secret())).process(subscribed());

        assertThat(endpoint.requests()).hasSize(1);
        RecordingEndpoint.Request request = endpoint.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/api/v3?access_token=" + TOKEN + "/repos/guestbook/statuses/abc123");
        assertThat(request.headers().getFirst("X-Api-Token")).isEqualTo(TOKEN);
        assertThat(request.headers().getFirst("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString(("bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        JsonNode body = Json.parseObject(request.body(), "webhook body");
        assertThat(body.path("description").asText()).isEqualTo("guestbook failed to sync");
        assertThat(body.path("context").asText()).isEqualTo("webhook");
    }

    @Test
    void aFailingWebhookIsLoggedWithoutItsSecrets() {
        endpoint.answer(500, 500);
        NotificationsConfig config = NotificationsConfigReader.read(configMap(), secret());
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            notifier(config).process(subscribed());
        } finally {
            System.setErr(stderr);
        }
        String text = logs.toString(StandardCharsets.UTF_8);
        assertThat(endpoint.requests()).hasSize(2);
        assertThat(text).contains("webhook 'github' answered HTTP 500").contains("failed after 2 attempts");
        assertThat(text).doesNotContain(TOKEN).doesNotContain(PASSWORD);
        assertThat(config.toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD).contains("access_token=***");
    }

    @Test
    void aMissingSecretKeyIsRefusedNamingTheServiceAndTheKey() {
        assertThatThrownBy(() -> NotificationsConfigReader.read(configMap(), "stringData:\n  other: x\n"))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("service.webhook.github").hasMessageContaining("$github-token")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTriggerSendingAnUndefinedTemplateIsRefused() {
        String cm = configMap().replace("send: [github-status]", "send: [nope]");
        assertThatThrownBy(() -> NotificationsConfigReader.read(cm, secret()))
                .hasMessageContaining("trigger 'on-sync-failed' sends template 'nope'");
    }

    @Test
    void anUnsupportedConditionIsRefusedWhenTheConfigIsRead() {
        String cm = configMap().replace("app.status.operationState != nil and", "app.status.operationState matches 'x' and");
        assertThatThrownBy(() -> NotificationsConfigReader.read(cm, secret()))
                .isInstanceOf(NotificationException.class).hasMessageContaining("trigger 'on-sync-failed'");
    }
}
