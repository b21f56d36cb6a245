package io.gitops4j.core.notifications;

import static io.gitops4j.core.notifications.AppFixtures.failedSync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack through its Web API ({@code chat.postMessage} with a bot token), against a local endpoint. */
class NotifierSlackApiTest {

    private static final String TOKEN = "xoxb-1234-5678-abcdefSECRET";

    private final RecordingEndpoint api = new RecordingEndpoint();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    NotifierSlackApiTest() throws Exception {
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Notifier notifier() {
        String cm = """
                data:
                  service.slack: |
                    token: $slack-token
                    apiURL: %s/api
                  trigger.on-sync-failed: |
                    - when: app.status.operationState.phase == 'Failed'
                      send: [failed]
                      oncePer: app.status.operationState.syncResult.revision
                  template.failed: |
                    message: "{{.app.metadata.name}} failed in {{.recipient}}"
                """.formatted(api.url());
        return Notifier.builder(NotificationsConfigReader.read(cm, "stringData:\n  slack-token: " + TOKEN + "\n"))
                .executor(Runnable::run).clock(clock).pacer(next -> { })
                .retry(new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1))).build();
    }

    @Test
    void postsToChatPostMessageWithTheBotTokenAndTheRecipientChannel() {
        api.reply("{\"ok\": true}");
        notifier().process(failedSync("abc123"));

        assertThat(api.requests()).hasSize(1);
        RecordingEndpoint.Request request = api.requests().get(0);
        assertThat(request.pathAndQuery()).isEqualTo("/api/chat.postMessage");
        assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = Json.parseObject(request.body(), "slack body");
        assertThat(body.path("channel").asText()).isEqualTo("team-alerts");
        assertThat(body.path("text").asText()).isEqualTo("guestbook failed in team-alerts");
    }

    @Test
    void slacksOkFalseIsAFailureThatIsRetried() {
        api.reply("{\"ok\": false, \"error\": \"channel_not_found\"}");
        Notifier notifier = notifier();
        notifier.process(failedSync("abc123"));
        assertThat(api.requests()).as("both attempts made").hasSize(2);
        assertThat(notifier.process(failedSync("abc123"))).as("forgotten after the last attempt, so due again").hasSize(1);
    }
}
