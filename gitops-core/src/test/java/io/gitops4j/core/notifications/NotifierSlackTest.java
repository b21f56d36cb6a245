package io.gitops4j.core.notifications;

import static io.gitops4j.core.notifications.AppFixtures.app;
import static io.gitops4j.core.notifications.AppFixtures.failedSync;
import static io.gitops4j.core.notifications.AppFixtures.withAnnotation;
import static io.gitops4j.core.notifications.AppFixtures.withoutAnnotations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.kube.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failed sync, a local endpoint standing in for a Slack incoming webhook, and once-per-event delivery. */
class NotifierSlackTest {

    private final RecordingEndpoint slack = new RecordingEndpoint();
    private final List<Duration> waits = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private final StepPacer pacer = next -> waits.add(Duration.between(clock.instant(), next));
    private final NotificationStateStore store = NotificationStateStore.inMemory();

    NotifierSlackTest() throws Exception {
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private NotificationsConfig config() {
        return NotificationsConfigReader.read(DefaultCatalogTriggersTest.resource("notifications/catalog/argocd-notifications-cm.yaml"),
                "stringData:\n  slack-webhook: " + slack.url() + "/services/T000/B000/XXXX\n");
    }

    private Notifier notifier(NotificationStateStore with) {
        return Notifier.builder(config()).store(with).executor(Runnable::run).clock(clock).pacer(pacer)
                .timeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void failedSyncPostsExactlyOneSlackMessageEvenWhenEvaluatedTwice() {
        Notifier notifier = notifier(store);
        List<Notification> first = notifier.process(failedSync("abc123"));
        List<Notification> second = notifier.process(failedSync("abc123"));

        assertThat(first).containsExactly(new Notification("argocd/guestbook", "on-sync-failed", "app-sync-failed", "slack", "team-alerts", "abc123"));
        assertThat(second).isEmpty();
        assertThat(slack.requests()).hasSize(1);
        RecordingEndpoint.Request request = slack.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/services/T000/B000/XXXX");
        JsonNode body = Json.parseObject(request.body(), "slack body");
        assertThat(body.path("text").asText())
                .startsWith(":exclamation: The sync operation of application guestbook has failed at 2026-12-04T10:05:09Z")
                .contains("Deployment.apps \"guestbook\" is invalid")
                .contains("https://argocd.example.com/applications/guestbook?operation=true");
        assertThat(body.path("attachments").get(0).path("title").asText()).isEqualTo("guestbook");
        assertThat(body.path("attachments").get(0).path("fields").get(0).path("value").asText()).isEqualTo("OutOfSync");
        assertThat(body.has("channel")).as("an incoming webhook posts to its own channel").isFalse();
    }

    @Test
    void aNewFailedRevisionIsANewEvent() {
        Notifier notifier = notifier(store);
        notifier.process(failedSync("abc123"));
        notifier.process(failedSync("def456"));
        notifier.process(failedSync("def456"));
        assertThat(slack.requests()).hasSize(2);
    }

    @Test
    void aRestartWithTheSameStoreDoesNotResend() {
        notifier(store).process(failedSync("abc123"));
        assertThat(notifier(store).process(failedSync("abc123"))).isEmpty();
        assertThat(slack.requests()).hasSize(1);
        assertThat(notifier(NotificationStateStore.inMemory()).process(failedSync("abc123")))
                .as("a fresh store has forgotten it").hasSize(1);
    }

    @Test
    void aHealthyAppWithoutSubscriptionsSendsNothing() {
        Notifier notifier = notifier(store);
        assertThat(notifier.process(withoutAnnotations(failedSync("abc123")))).isEmpty();
        assertThat(notifier.process(app("status:\n  sync: {status: Synced}\n  health: {status: Healthy}\n"))).isEmpty();
        assertThat(slack.requests()).isEmpty();
    }

    @Test
    void failuresAreRetriedWithBackoffThroughThePacerWithoutSleeping() {
        slack.answer(500, 503);
        notifier(store).process(failedSync("abc123"));
        assertThat(slack.requests()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aDeliveryThatNeverSucceedsIsForgottenAndSentAtTheNextEvaluation() {
        slack.answer(500, 500, 500, 500, 500);
        Notifier notifier = notifier(store);
        notifier.process(failedSync("abc123"));
        assertThat(slack.requests()).hasSize(5);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(notifier.process(failedSync("abc123"))).hasSize(1);
        assertThat(slack.requests()).hasSize(6);
        assertThat(notifier.process(failedSync("abc123"))).isEmpty();
    }

    @Test
    void processNeverWaitsForDelivery() {
        List<Runnable> queued = new ArrayList<>();
        Notifier notifier = Notifier.builder(config()).executor(queued::add).clock(clock).pacer(pacer).build();
        assertThat(notifier.process(failedSync("abc123"))).hasSize(1);
        assertThat(slack.requests()).as("nothing sent on the caller's thread").isEmpty();
        queued.forEach(Runnable::run);
        assertThat(slack.requests()).hasSize(1);
    }

    @Test
    void theSubscribeServiceAnnotationUsesTheDefaultTriggers() {
        JsonNode unknown = withAnnotation(withoutAnnotations(app("status:\n  sync: {status: Unknown}\n")),
                "notifications.argoproj.io/subscribe.slack", "ops;dev");
        assertThat(notifier(store).process(unknown)).extracting(Notification::trigger, Notification::recipient)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("on-sync-status-unknown", "ops"),
                        org.assertj.core.groups.Tuple.tuple("on-sync-status-unknown", "dev"));
        assertThat(slack.requests()).hasSize(2);
    }

    @Test
    void aConditionWithoutOncePerSendsAgainOnlyAfterItWasFalse() {
        String cm = """
                data:
                  service.slack: |
                    webhookURL: %s/hook
                  trigger.on-degraded: |
                    - when: app.status.health.status == 'Degraded'
                      send: [degraded]
                  template.degraded: |
                    message: "{{.app.metadata.name}} is degraded"
                """.formatted(slack.url());
        Notifier notifier = Notifier.builder(NotificationsConfigReader.read(cm, "")).executor(Runnable::run).clock(clock).pacer(pacer).build();
        JsonNode degraded = withAnnotation(withoutAnnotations(app("status:\n  health: {status: Degraded}\n")),
                "notifications.argoproj.io/subscribe.on-degraded.slack", "");
        JsonNode healthy = withAnnotation(withoutAnnotations(app("status:\n  health: {status: Healthy}\n")),
                "notifications.argoproj.io/subscribe.on-degraded.slack", "");
        notifier.process(degraded);
        notifier.process(degraded);
        assertThat(slack.requests()).hasSize(1);
        notifier.process(healthy);
        notifier.process(degraded);
        assertThat(slack.requests()).hasSize(2);
        assertThat(slack.requests().get(1).body()).contains("guestbook is degraded");
    }

    @Test
    void aConditionThatCannotBeEvaluatedIsLoggedAndSkipped() {
        String cm = """
                data:
                  service.slack: |
                    webhookURL: %s/hook
                  trigger.on-degraded: |
                    - when: app.status.health.status == 'Degraded'
                      send: [degraded]
                  template.degraded: |
                    message: degraded
                """.formatted(slack.url());
        Notifier notifier = Notifier.builder(NotificationsConfigReader.read(cm, "")).executor(Runnable::run).clock(clock).pacer(pacer).build();
        JsonNode noHealth = withAnnotation(withoutAnnotations(app("status: {}\n")), "notifications.argoproj.io/subscribe.on-degraded.slack", "");
        assertThat(notifier.process(noHealth)).isEmpty();
        assertThat(slack.requests()).isEmpty();
    }
}
