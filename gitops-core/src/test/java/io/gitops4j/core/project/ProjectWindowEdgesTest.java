package io.gitops4j.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ProjectPolicy#nextWindowChange}: the instant an engine judges a held sync again. Just past
 * it, the verdict has changed; just before, it has not.
 */
class ProjectWindowEdgesTest {

    private static final Application APP = Application.builder("web-prod").project("team-a")
            .repoURL("https://github.com/example/web.git").destination(new ApplicationDestination("", "", "web")).build();

    private static ProjectPolicy policy(Instant now, String windows) {
        return ProjectPolicy.builder(Clock.fixed(now, ZoneOffset.UTC)).projects(AppProjects.read("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata: {name: team-a}
                spec:
                  sourceRepos: ['*']
                  destinations: [{server: '*', namespace: '*'}]
                  syncWindows:
                %s
                """.formatted(windows.indent(2)), "projects.yaml")).build();
    }

    private static boolean permitted(Instant at, String windows) {
        return policy(at, windows).checkSyncWindows(APP, SyncTrigger.AUTOMATED, Optional.empty()).permitted();
    }

    @Test
    void insideADenyWindowTheNextChangeIsItsEnd() {
        String deny = "- {kind: deny, schedule: '0 22 * * *', duration: 8h, applications: ['*-prod']}";
        Instant now = Instant.parse("2026-06-15T23:00:00Z");
        Optional<Instant> next = policy(now, deny).nextWindowChange(APP);

        assertThat(next).contains(Instant.parse("2026-06-16T06:00:00Z"));
        assertThat(permitted(next.get().minusSeconds(1), deny)).isFalse();
        assertThat(permitted(next.get().plusSeconds(1), deny)).isTrue();
    }

    @Test
    void outsideAnAllowWindowInAZoneTheNextChangeIsItsStartInThatZone() {
        String allow = "- {kind: allow, schedule: '30 9 * * 1-5', duration: 2h, namespaces: ['web'], timeZone: Europe/Paris}";
        Instant saturday = Instant.parse("2026-06-13T12:00:00Z");
        Optional<Instant> next = policy(saturday, allow).nextWindowChange(APP);

        assertThat(next).contains(Instant.parse("2026-06-15T07:30:00Z"));   // Monday 09:30 in Paris (UTC+2)
        assertThat(permitted(next.get(), allow)).as("not yet open at the very second").isFalse();
        assertThat(permitted(next.get().plusSeconds(1), allow)).isTrue();
    }

    @Test
    void overlappingWindowsGiveTheEarliestEdgeAndAnAppNoWindowMatchesHasNone() {
        String both = """
                - {kind: deny, schedule: '0 1 * * *', duration: 1h, applications: ['web-*']}
                - {kind: allow, schedule: '0 0 * * *', duration: 12h, applications: ['web-*']}
                """;
        assertThat(policy(Instant.parse("2026-06-15T00:30:00Z"), both).nextWindowChange(APP))
                .contains(Instant.parse("2026-06-15T01:00:00Z"));
        assertThat(policy(Instant.parse("2026-06-15T00:30:00Z"), "- {kind: deny, schedule: '0 1 * * *', duration: 1h, "
                + "applications: ['api-*']}").nextWindowChange(APP)).isEmpty();
    }
}
