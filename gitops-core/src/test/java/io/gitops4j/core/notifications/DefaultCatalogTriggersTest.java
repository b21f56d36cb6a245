package io.gitops4j.core.notifications;

import static io.gitops4j.core.notifications.AppFixtures.app;
import static io.gitops4j.core.notifications.AppFixtures.failedSync;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Argo CD's default catalog triggers, read from argocd-notifications-cm, against Application statuses. */
class DefaultCatalogTriggersTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    static NotificationsConfig catalog() {
        return NotificationsConfigReader.read(resource("notifications/catalog/argocd-notifications-cm.yaml"),
                "stringData:\n  slack-webhook: http://127.0.0.1:1/hooks/T000/B000/XXXX\n");
    }

    static String resource(String path) {
        try (InputStream in = DefaultCatalogTriggersTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final NotificationsConfig config = catalog();

    private boolean fires(String trigger, JsonNode app) {
        return config.triggers().get(trigger).conditions().get(0).when().test(app, CLOCK);
    }

    private static JsonNode operation(String phase, String health, String healthSince, String started, String finished) {
        return app("""
                status:
                  sync: {status: Synced, revision: abc123}
                  health: {status: %s, lastTransitionTime: "%s"}
                  operationState:
                    phase: %s
                    startedAt: "%s"
                    finishedAt: "%s"
                    syncResult: {revision: abc123}
                """.formatted(health, healthSince, phase, started, finished));
    }

    @Test
    void onSyncFailedFiresForFailedAndErrorButNotForSuccessOrNoOperation() {
        assertThat(fires("on-sync-failed", failedSync("abc123"))).isTrue();
        assertThat(fires("on-sync-failed", operation("Error", "Healthy", "2026-12-04T10:00:00Z", "2026-12-04T10:05:00Z", "2026-12-04T10:06:00Z"))).isTrue();
        assertThat(fires("on-sync-failed", operation("Succeeded", "Healthy", "2026-12-04T10:00:00Z", "2026-12-04T10:05:00Z", "2026-12-04T10:06:00Z"))).isFalse();
        assertThat(fires("on-sync-failed", app("status:\n  sync: {status: Synced}\n"))).isFalse();
    }

    @Test
    void onSyncSucceededAndOnSyncRunningFollowThePhase() {
        JsonNode succeeded = operation("Succeeded", "Healthy", "2026-12-04T10:00:00Z", "2026-12-04T10:05:00Z", "2026-12-04T10:06:00Z");
        JsonNode running = operation("Running", "Progressing", "2026-12-04T10:00:00Z", "2026-12-04T10:05:00Z", "");
        assertThat(fires("on-sync-succeeded", succeeded)).isTrue();
        assertThat(fires("on-sync-succeeded", running)).isFalse();
        assertThat(fires("on-sync-running", running)).isTrue();
        assertThat(fires("on-sync-running", succeeded)).isFalse();
    }

    @Test
    void onDeployedFiresWhenHealthyAfterTheSyncOrHealthyThroughoutButNotWhenHealthSettledMidSync() {
        assertThat(fires("on-deployed", operation("Succeeded", "Healthy", "2026-12-04T10:05:30Z", "2026-12-04T10:05:00Z", "2026-12-04T10:05:20Z")))
                .as("became healthy within a minute of the end").isTrue();
        assertThat(fires("on-deployed", operation("Succeeded", "Healthy", "2026-12-04T09:00:00Z", "2026-12-04T10:05:00Z", "2026-12-04T10:05:20Z")))
                .as("healthy since before the sync started").isTrue();
        assertThat(fires("on-deployed", operation("Succeeded", "Healthy", "2026-12-04T10:01:00Z", "2026-12-04T10:00:00Z", "2026-12-04T10:10:00Z")))
                .as("healthy mid-sync, long before it ended").isFalse();
        assertThat(fires("on-deployed", operation("Succeeded", "Degraded", "2026-12-04T10:05:30Z", "2026-12-04T10:05:00Z", "2026-12-04T10:05:20Z")))
                .isFalse();
        assertThat(fires("on-deployed", app("status:\n  health: {status: Healthy}\n"))).isFalse();
    }

    @Test
    void onHealthDegradedAndOnSyncStatusUnknown() {
        assertThat(fires("on-health-degraded", app("status:\n  health: {status: Degraded}\n"))).isTrue();
        assertThat(fires("on-health-degraded", app("status:\n  health: {status: Healthy}\n"))).isFalse();
        assertThat(fires("on-sync-status-unknown", app("status:\n  sync: {status: Unknown}\n"))).isTrue();
        assertThat(fires("on-sync-status-unknown", app("status:\n  sync: {status: Synced}\n"))).isFalse();
    }

    @Test
    void onCreatedAlwaysHoldsAndOnDeletedNeedsADeletionTimestamp() {
        JsonNode deleting = app("status: {}\n");
        ((com.fasterxml.jackson.databind.node.ObjectNode) deleting.path("metadata")).put("deletionTimestamp", "2026-12-04T11:00:00Z");
        assertThat(fires("on-created", app("status: {}\n"))).isTrue();
        assertThat(fires("on-deleted", deleting)).isTrue();
        assertThat(fires("on-deleted", app("status: {}\n"))).isFalse();
    }

    @Test
    void oncePerIsTheSyncedRevisionOrNilWithoutAnOperation() {
        TriggerExpression oncePer = config.triggers().get("on-sync-failed").conditions().get(0).oncePer().orElseThrow();
        assertThat(oncePer.evaluate(failedSync("abc123"), CLOCK)).isEqualTo("abc123");
        assertThat(oncePer.evaluate(app("status: {}\n"), CLOCK)).isNull();
        assertThat(config.triggers().get("on-created").conditions().get(0).oncePer().orElseThrow()
                .evaluate(app("status: {}\n"), CLOCK)).isEqualTo("guestbook");
    }
}
