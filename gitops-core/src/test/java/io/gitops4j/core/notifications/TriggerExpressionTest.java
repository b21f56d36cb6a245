package io.gitops4j.core.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Yaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TriggerExpressionTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    static final JsonNode APP = Yaml.readValue("""
            metadata: {name: guestbook, labels: {team: web}}
            status:
              sync: {status: Synced}
              operationState: {phase: Failed, finishedAt: "2026-12-04T11:50:00Z", retryCount: 2}
            """, "app");

    private static Object eval(String expression) {
        return TriggerExpression.parse(expression, "t").evaluate(APP, CLOCK);
    }

    @Test
    void comparesMembersStringsNumbersAndArrays() {
        assertThat(eval("app.status.operationState.phase in ['Error', 'Failed']")).isEqualTo(true);
        assertThat(eval("app.status.operationState.phase in ['Error']")).isEqualTo(false);
        assertThat(eval("app.status.sync.status == \"Synced\" && app.metadata.labels.team != 'db'")).isEqualTo(true);
        assertThat(eval("not (app.status.operationState.retryCount >= 3) || false")).isEqualTo(true);
        assertThat(eval("app.status.health == nil and app.status?.health?.status == nil")).isEqualTo(true);
        assertThat(eval("'team' in app.metadata.labels")).isEqualTo(true);
    }

    @Test
    void evaluatesTimesAndDurationsOnTheInjectedClock() {
        assertThat(eval("time.Now().Sub(time.Parse(app.status.operationState.finishedAt)) > 5 * time.Minute")).isEqualTo(true);
        assertThat(eval("time.Now().Sub(time.Parse(app.status.operationState.finishedAt)) > 15 * time.Minute")).isEqualTo(false);
        assertThat(eval("time.Parse('2026-12-04T11:00:00+01:00').Add(2 * time.Hour)")).isEqualTo(Instant.parse("2026-12-04T12:00:00Z"));
        assertThat(eval("time.Parse(app.status.operationState.finishedAt).Before(time.Now())")).isEqualTo(true);
        assertThat(eval("time.Hour - 30 * time.Minute")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void unsupportedSyntaxFailsWhenParsedNamingTheTriggerAndColumn() {
        assertThatThrownBy(() -> TriggerExpression.parse("app.status.sync.status matches 'Un.*'", "on-weird"))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("trigger 'on-weird'").hasMessageContaining("column 24");
        assertThatThrownBy(() -> TriggerExpression.parse("len(app.status.resources) > 0", "on-count"))
                .hasMessageContaining("trigger 'on-count'").hasMessageContaining("unsupported name 'len'");
        assertThatThrownBy(() -> TriggerExpression.parse("app.metadata.name == 'x", "t")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> TriggerExpression.parse("(".repeat(500) + "true" + ")".repeat(500), "deep"))
                .hasMessageContaining("nested deeper");
    }

    @Test
    void memberOfNilAndNonBooleanConditionsFailNamingTheTrigger() {
        assertThatThrownBy(() -> TriggerExpression.parse("app.status.health.status == 'Degraded'", "on-health-degraded").test(APP, CLOCK))
                .isInstanceOf(NotificationException.class)
                .hasMessageContaining("trigger 'on-health-degraded'").hasMessageContaining("cannot fetch status from nil");
        assertThatThrownBy(() -> TriggerExpression.parse("app.metadata.name", "t").test(APP, CLOCK)).hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> eval("time.Parse('yesterday')")).hasMessageContaining("not an RFC 3339 time");
        assertThatThrownBy(() -> eval("time.Now() < 3")).hasMessageContaining("cannot compare");
    }
}
