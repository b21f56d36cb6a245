package io.gitops4j.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.project.SyncWindow.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cases of Argo CD's sync window tests ({@code TestSyncWindows_Active},
 * {@code _InactiveAllows}, {@code TestSyncWindow_Active}, {@code _Matches},
 * {@code _Matches_AND_Operator}, {@code _CanSync}, {@code _SyncOverrun},
 * {@code TestSyncWindow_Validate}, {@code TestAppProject_ValidateSyncWindowList}), written again as
 * our own cases on a fixed clock instead of the wall clock. Argo CD's tests build windows with no
 * matcher, which its evaluation accepts but its validation refuses; ours give them
 * {@code applications: ["*"]}, which changes nothing the cases look at.
 */
class ArgoSyncWindowsTest {

    /** A Monday in June: New York is on daylight time (UTC-4). */
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    /** Argo CD's tests run at the wall clock's "now", seconds past a minute; ours at 12:00:30. */
    private static final Instant NOW = TODAY.atTime(12, 0, 30).toInstant(ZoneOffset.UTC);

    private static Instant hour(int hour, ZoneOffset zone) {
        return ZonedDateTime.of(TODAY, LocalTime.of(hour, 0), zone).toInstant();
    }

    private static SyncWindow window(Kind kind, String schedule, String duration, String timeZone) {
        return SyncWindow.of(kind, schedule, duration, List.of("*"), List.of(), List.of()).withTimeZone(timeZone);
    }

    private static List<SyncWindowRules.Indexed> indexed(List<SyncWindow> windows) {
        List<SyncWindowRules.Indexed> list = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            list.add(new SyncWindowRules.Indexed(i, windows.get(i)));
        }
        return list;
    }

    private static List<Integer> active(Instant at, SyncWindow... windows) {
        return new SyncWindowRules(indexed(List.of(windows)), at).active().stream().map(SyncWindowRules.Indexed::index)
                .toList();
    }

    private static List<Integer> inactiveAllows(Instant at, SyncWindow... windows) {
        return new SyncWindowRules(indexed(List.of(windows)), at).inactiveAllowsAt(at).stream()
                .map(SyncWindowRules.Indexed::index).toList();
    }

    private static final ZoneOffset UTC_M4 = ZoneOffset.ofHours(-4);

    @Test
    void syncWindowsActive() {
        SyncWindow a10 = window(Kind.ALLOW, "* 10 * * *", "2h", "");
        SyncWindow a14 = window(Kind.ALLOW, "* 14 * * *", "2h", "");
        assertThat(active(NOW, window(Kind.ALLOW, "* * * * *", "1h", ""))).containsExactly(0);
        assertThat(active(hour(11, ZoneOffset.UTC), a10, a14)).containsExactly(0);
        assertThat(active(hour(15, ZoneOffset.UTC), a10, a14)).containsExactly(1);
        assertThat(active(hour(12, ZoneOffset.UTC), window(Kind.ALLOW, "* 10 * * *", "3h", ""),
                window(Kind.ALLOW, "* 11 * * *", "3h", ""))).containsExactly(0, 1);
        assertThat(active(hour(17, ZoneOffset.UTC), a10, a14)).isEmpty();
        assertThat(active(hour(11 - 4, UTC_M4), a10, a14)).containsExactly(0);
        assertThat(active(hour(15 - 4, UTC_M4), a10, a14)).containsExactly(1);
        assertThat(active(hour(17 - 4, UTC_M4), a10, a14)).isEmpty();
        SyncWindow ny10 = window(Kind.ALLOW, "* 10 * * *", "2h", "America/New_York");
        SyncWindow ny14 = window(Kind.ALLOW, "* 14 * * *", "2h", "America/New_York");
        assertThat(active(hour(16, ZoneOffset.UTC), ny10, ny14)).containsExactly(0);
        assertThat(active(hour(20, ZoneOffset.UTC), ny10, ny14)).containsExactly(1);
        assertThat(active(hour(22, ZoneOffset.UTC), ny10, ny14)).isEmpty();
        assertThat(active(hour(3, ZoneOffset.UTC), window(Kind.ALLOW, "* 8 * * *", "2h", "Asia/Dhaka"),
                window(Kind.ALLOW, "* 12 * * *", "2h", "Asia/Dhaka"))).containsExactly(0);
    }

    @Test
    void invalidSchedulesAndDurationsAreRefusedWhenTheWindowIsMade() {
        // Argo CD's MatchNone-InvalidSchedule / -InvalidDuration cases, and CanSync's invalid-window cases:
        // Argo CD fails the evaluation; we refuse the window, so no evaluation can meet it
        assertThatThrownBy(() -> window(Kind.ALLOW, "* 10 * * 7", "3h", ""))
                .hasMessageContaining("cannot parse schedule '* 10 * * 7'")
                .hasMessageContaining("end of range (7) above maximum (6)");
        assertThatThrownBy(() -> window(Kind.DENY, "* 10 * * 7", "2h", "")).hasMessageContaining("cannot parse schedule");
        assertThatThrownBy(() -> window(Kind.ALLOW, "* 10 * * *", "3a", ""))
                .hasMessageContaining("cannot parse duration '3a'");
        assertThatThrownBy(() -> window(Kind.DENY, "* 10 * * *", "2a", "")).hasMessageContaining("cannot parse duration");
        assertThatThrownBy(() -> window(Kind.ALLOW, "invalid-cron-schedule", "1h", ""))
                .hasMessageContaining("cannot parse schedule");
        assertThatThrownBy(() -> window(Kind.ALLOW, "0 22 * * *", "invalid-duration", ""))
                .hasMessageContaining("cannot parse duration");
    }

    @Test
    void syncWindowsInactiveAllows() {
        SyncWindow a10 = window(Kind.ALLOW, "* 10 * * *", "2h", "");
        SyncWindow a5 = window(Kind.ALLOW, "* 5 * * *", "2h", "");
        SyncWindow a14 = window(Kind.ALLOW, "* 14 * * *", "2h", "");
        SyncWindow a10x4 = window(Kind.ALLOW, "* 10 * * *", "4h", "");
        SyncWindow a11x4 = window(Kind.ALLOW, "* 11 * * *", "4h", "");
        assertThat(inactiveAllows(NOW, window(Kind.ALLOW, "0 0 1 1 1", "1h", ""))).containsExactly(0);
        assertThat(inactiveAllows(hour(6, ZoneOffset.UTC), a10, a5)).containsExactly(0);
        assertThat(inactiveAllows(hour(11, ZoneOffset.UTC), a10, a14)).containsExactly(1);
        assertThat(inactiveAllows(hour(17, ZoneOffset.UTC), a10, a14)).containsExactly(0, 1);
        assertThat(inactiveAllows(hour(12, ZoneOffset.UTC), a10x4, a11x4)).isEmpty();
        assertThat(inactiveAllows(hour(6 - 4, UTC_M4), a10, a5)).containsExactly(0);
        assertThat(inactiveAllows(hour(11 - 4, UTC_M4), a10, a14)).containsExactly(1);
        assertThat(inactiveAllows(hour(17 - 4, UTC_M4), a10, a14)).containsExactly(0, 1);
        assertThat(inactiveAllows(hour(12 - 4, UTC_M4), a10x4, a11x4)).isEmpty();
        SyncWindow ny10 = window(Kind.ALLOW, "* 10 * * *", "2h", "America/New_York");
        assertThat(inactiveAllows(hour(11, ZoneOffset.UTC), ny10, window(Kind.ALLOW, "* 5 * * *", "2h", "America/New_York")))
                .containsExactly(0);
        SyncWindow ny14 = window(Kind.ALLOW, "* 14 * * *", "2h", "America/New_York");
        assertThat(inactiveAllows(hour(16, ZoneOffset.UTC), ny10, ny14)).containsExactly(1);
        assertThat(inactiveAllows(hour(6, ZoneOffset.UTC), ny10, ny14)).containsExactly(0, 1);
        assertThat(inactiveAllows(hour(12, ZoneOffset.UTC), a10x4, a11x4)).isEmpty();
        assertThat(inactiveAllows(hour(7, ZoneOffset.UTC), window(Kind.ALLOW, "* 8 * * *", "2h", "Asia/Dhaka"),
                window(Kind.ALLOW, "* 12 * * *", "2h", "Asia/Dhaka"))).containsExactly(0);
    }

    @Test
    void syncWindowActive() {
        assertThat(active(NOW, window(Kind.ALLOW, "* * * * *", "1h", ""))).containsExactly(0);
        for (Kind kind : Kind.values()) {
            SyncWindow w = window(kind, "* 10 * * *", "2h", "");
            assertThat(active(hour(11, ZoneOffset.UTC), w)).as(kind + " active").containsExactly(0);
            assertThat(active(hour(13, ZoneOffset.UTC), w)).as(kind + " inactive").isEmpty();
            assertThat(active(hour(11 - 4, UTC_M4), w)).as(kind + " active, other zone").containsExactly(0);
            assertThat(active(hour(13 - 4, UTC_M4), w)).as(kind + " inactive, other zone").isEmpty();
        }
    }

    private static final ApplicationDestination TEST_APP = new ApplicationDestination("cluster1", "clusterName", "default");

    private static boolean matches(boolean and, List<String> apps, List<String> clusters, List<String> namespaces) {
        SyncWindow w = new SyncWindow(Kind.ALLOW, "* * * * *", "1h", apps, namespaces, clusters, false, "", and, "", false);
        CompiledProject project = new CompiledProject(AppProject.named("p").withSyncWindows(List.of(w)));
        return !SyncWindowRules.matching(project, "test-app", TEST_APP).isEmpty();
    }

    @Test
    void matchesWithEitherOperator() {
        for (boolean and : new boolean[] {false, true}) {
            assertThat(matches(and, List.of(), List.of(), List.of("default"))).as("namespace").isTrue();
            assertThat(matches(and, List.of(), List.of("cluster1"), List.of())).as("cluster").isTrue();
            assertThat(matches(and, List.of(), List.of("clusterName"), List.of())).as("cluster name").isTrue();
            assertThat(matches(and, List.of("test-app"), List.of(), List.of())).as("app").isTrue();
            assertThat(matches(and, List.of("test-app"), List.of(), List.of("default"))).as("app+ns").isTrue();
            assertThat(matches(and, List.of("test-app"), List.of("clusterName"), List.of())).as("app+cluster").isTrue();
            assertThat(matches(and, List.of(), List.of("clusterName"), List.of("default"))).as("ns+cluster").isTrue();
            assertThat(matches(and, List.of("test-app"), List.of("clusterName"), List.of("default"))).as("all").isTrue();
            assertThat(matches(and, List.of("test-*"), List.of(), List.of())).as("wildcard app").isTrue();
            assertThat(matches(and, List.of("test-*"), List.of(), List.of("default"))).as("wildcard app+ns").isTrue();
            assertThat(matches(and, List.of("test-*"), List.of("clusterN*"), List.of())).as("wildcards").isTrue();
            assertThat(matches(and, List.of("app1"), List.of(), List.of("public"))).as("no match").isFalse();
        }
    }

    @Test
    void andOperatorNeedsEverySetListToMatchWhereOrNeedsOne() {
        assertThat(matches(false, List.of("test-app"), List.of(), List.of("other"))).isTrue();
        assertThat(matches(true, List.of("test-app"), List.of(), List.of("other"))).isFalse();
        assertThat(matches(true, List.of("other"), List.of("clusterName"), List.of("default"))).isFalse();
    }

    /** Argo CD's newSyncWindow: applications app1, namespaces public, one hour. */
    private static SyncWindow argoWindow(Kind kind, String schedule, boolean manual) {
        return new SyncWindow(kind, schedule, "1h", List.of("app1"), List.of("public"), List.of(), manual, "", false, "",
                false);
    }

    private static SyncWindow activeAllow(boolean manual) {
        return argoWindow(Kind.ALLOW, "* * * * *", manual);
    }

    private static SyncWindow inactiveAllow(boolean manual) {
        return argoWindow(Kind.ALLOW, "0 22 * * *", manual);
    }

    private static SyncWindow activeDeny(boolean manual) {
        return argoWindow(Kind.DENY, "* * * * *", manual);
    }

    private static SyncWindow inactiveDeny(boolean manual) {
        return argoWindow(Kind.DENY, "0 22 * * *", manual);
    }

    private static boolean canSync(boolean manual, SyncWindow... windows) {
        return new SyncWindowRules(indexed(List.of(windows)), NOW).canSync(manual, Optional.empty()).permitted();
    }

    @Test
    void canSync() {
        assertThat(canSync(true, inactiveDeny(true))).isTrue();
        assertThat(canSync(true, inactiveDeny(false))).isTrue();
        assertThat(canSync(true, inactiveAllow(true), inactiveAllow(false))).isFalse();
        assertThat(canSync(true, activeAllow(true))).isTrue();
        assertThat(canSync(true, activeAllow(false))).isTrue();
        assertThat(canSync(false, activeAllow(false))).isTrue();
        assertThat(canSync(true, activeAllow(false), inactiveDeny(false))).isTrue();
        assertThat(canSync(false, activeAllow(false), inactiveDeny(false))).isTrue();
        assertThat(canSync(true, inactiveAllow(false))).isFalse();
        assertThat(canSync(false, inactiveAllow(false))).isFalse();
        assertThat(canSync(true, inactiveAllow(true))).isTrue();
        assertThat(canSync(false, inactiveAllow(true))).isFalse();
        assertThat(canSync(true, inactiveAllow(false), inactiveDeny(false))).isFalse();
        assertThat(canSync(false, inactiveAllow(false), inactiveDeny(false))).isFalse();
        assertThat(canSync(false, activeAllow(false), inactiveAllow(false))).isTrue();
        assertThat(canSync(true, activeDeny(false))).isFalse();
        assertThat(canSync(false, activeDeny(false))).isFalse();
        assertThat(canSync(true, activeDeny(true))).isTrue();
        assertThat(canSync(false, activeDeny(true))).isFalse();
        SyncWindow[] many = {activeDeny(true), activeDeny(true).withAndOperator(true), activeDeny(true).withTimeZone("UTC"),
            activeDeny(false)};
        assertThat(canSync(true, many)).isFalse();
        assertThat(canSync(false, many)).isFalse();
        assertThat(canSync(true, activeAllow(false), activeDeny(false))).isFalse();
        assertThat(canSync(true, activeAllow(false), activeDeny(true))).isTrue();
        assertThat(canSync(false, activeAllow(false), activeDeny(true))).isFalse();
        assertThat(canSync(false)).isTrue();
    }

    private static SyncWindow at(Kind kind, Duration hoursAgo, String duration, boolean overrun) {
        ZonedDateTime start = NOW.atZone(ZoneOffset.UTC).minus(hoursAgo);
        return new SyncWindow(kind, start.getMinute() + " " + start.getHour() + " * * *", duration, List.of("*"), List.of(),
                List.of(), false, "", false, "", overrun);
    }

    private static boolean continues(Duration startedAgo, SyncWindow... windows) {
        return new SyncWindowRules(indexed(List.of(windows)), NOW)
                .canSync(false, Optional.of(NOW.minus(startedAgo))).permitted();
    }

    @Nested
    class SyncOverrun {

        private final SyncWindow alwaysAllow = new SyncWindow(Kind.ALLOW, "* * * * *", "1h", List.of("app1"),
                List.of("public"), List.of(), false, "", false, "", false);
        private final Duration now = Duration.ZERO;
        private final Duration hourAgo = Duration.ofHours(1);

        @Test
        void denyWindows() {
            SyncWindow deny = window(Kind.DENY, "* * * * *", "1h", "");
            assertThat(continues(Duration.ofMinutes(5), alwaysAllow, deny)).as("without overrun").isFalse();
            assertThat(canSync(false, alwaysAllow, deny.withSyncOverrun(true))).as("new sync").isFalse();
            assertThat(continues(Duration.ofMinutes(5), alwaysAllow, deny.withSyncOverrun(true)))
                    .as("started during deny").isFalse();
            assertThat(continues(Duration.ofMinutes(25), alwaysAllow, at(Kind.DENY, now, "15m", true)))
                    .as("started before deny").isTrue();
        }

        @Test
        void everyOpenDenyWindowMustAllowOverrun() {
            // denyAllowsOverrun's cases: all with overrun; one without; none with; allow windows ignored
            assertThat(continues(Duration.ofMinutes(25), alwaysAllow, at(Kind.DENY, now, "1h", true),
                    at(Kind.DENY, now, "2h", true))).isTrue();
            assertThat(continues(Duration.ofMinutes(25), alwaysAllow, at(Kind.DENY, now, "1h", false),
                    at(Kind.DENY, now, "2h", true))).isFalse();
            assertThat(continues(Duration.ofMinutes(25), alwaysAllow, at(Kind.DENY, now, "1h", false))).isFalse();
            assertThat(continues(Duration.ofMinutes(25), alwaysAllow, at(Kind.DENY, now, "1h", true))).isTrue();
        }

        @Test
        void allowWindowsAndTransitions() {
            assertThat(continues(hourAgo, at(Kind.ALLOW, Duration.ofHours(3), "30m", false), at(Kind.DENY, now, "1h", true)))
                    .as("started when inactive allows blocked it").isFalse();
            Duration started = Duration.ofMinutes(45);
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true))).as("allow with overrun").isTrue();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", false))).as("allow without").isFalse();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true), at(Kind.DENY, now, "1h", false)))
                    .isFalse();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", false), at(Kind.DENY, now, "1h", true)))
                    .isTrue();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true), at(Kind.DENY, now, "1h", true)))
                    .isTrue();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", false), at(Kind.DENY, now, "1h", false)))
                    .isFalse();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true), at(Kind.DENY, now, "1h", true),
                    at(Kind.DENY, now, "2h", true))).isTrue();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true), at(Kind.DENY, now, "1h", true),
                    at(Kind.DENY, now, "2h", false))).isFalse();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true), at(Kind.ALLOW, hourAgo, "31m", false)))
                    .isFalse();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", true), at(Kind.ALLOW, hourAgo, "31m", true)))
                    .isTrue();
            assertThat(continues(started, at(Kind.ALLOW, hourAgo, "30m", false), at(Kind.ALLOW, hourAgo, "90m", true)))
                    .isTrue();
            Duration longAgo = Duration.ofMinutes(105);
            assertThat(continues(longAgo, at(Kind.ALLOW, Duration.ofHours(2), "30m", true), at(Kind.ALLOW, now, "2h", true),
                    at(Kind.DENY, now, "1h", false))).isFalse();
            assertThat(continues(longAgo, at(Kind.ALLOW, Duration.ofHours(2), "30m", true), at(Kind.ALLOW, now, "2h", true),
                    at(Kind.DENY, now, "1h", true))).isTrue();
        }
    }

    @Test
    void validate() {
        assertThat(SyncWindow.of(Kind.ALLOW, "* * * * *", "1h", List.of("*"), List.of(), List.of())).isNotNull();
        assertThatThrownBy(() -> SyncWindow.of(Kind.ALLOW, "* * *", "1h", List.of("*"), List.of(), List.of()))
                .hasMessageContaining("expected exactly 5 fields, found 3");
        assertThatThrownBy(() -> SyncWindow.of(Kind.ALLOW, "* * * * *", "1000days", List.of("*"), List.of(), List.of()))
                .hasMessageContaining("cannot parse duration '1000days'");
        assertThatThrownBy(() -> SyncWindow.of(Kind.ALLOW, "* * * * *", "1h", List.of(), List.of(), List.of()))
                .hasMessageContaining("requires one of application, cluster or namespace");
    }

    @Test
    void aDuplicateWindowIsRefusedManualSyncAndDescriptionAside() {
        SyncWindow w = activeAllow(false);
        assertThat(AppProject.named("p").withSyncWindows(List.of(w)).syncWindows()).hasSize(1);
        assertThatThrownBy(() -> AppProject.named("p").withSyncWindows(List.of(w, w.withManualSync(true))))
                .hasMessageContaining("already exists");
    }
}
