package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationRefusedException;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.model.SyncPolicy;
import io.gitops4j.core.project.AppProjects;
import io.gitops4j.core.project.ProjectPolicy;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AppProject policy and sync windows in the controller: a violation blocks the sync with a
 * condition naming the project and the rule, nothing applied and nothing pruned; a window holds
 * back automated sync until it opens (a timer at its edge, on the controller's clock).
 */
class ControllerProjectPolicyTest {

    private static final String TEAM_A = """
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: team-a
            spec:
              sourceRepos: ['*']
              destinations:
              - server: https://kubernetes.default.svc
                namespace: guestbook
              clusterResourceWhitelist:
              - group: ''
                kind: Namespace
            %s
            """;

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

    private static ProjectPolicy policy(ControllerFixture fixture, String yaml) {
        return ProjectPolicy.builder(fixture.clock).projects(AppProjects.read(yaml, "projects.yaml")).build();
    }

    private Application guestbook(String project, String namespace, AutomatedSync automated) {
        return guestbook(project, new ApplicationDestination("", "", namespace), automated);
    }

    private Application guestbook(String project, ApplicationDestination destination, AutomatedSync automated) {
        return Application.builder("guestbook").project(project).repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destination(destination)
                .automated(automated)   // a failed sync ends at once (automated syncs retry 5 times by default)
                .syncPolicy(new SyncPolicy(List.of(), RetryPolicy.NONE, ManagedNamespaceMetadata.NONE)).build();
    }

    private ApplicationStatus status() {
        return fixture.controller.status("guestbook");
    }

    private boolean deployed() {
        return fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").isPresent();
    }

    @Test
    void aProjectThatForbidsAClusterScopedKindFailsTheSyncBeforeAnythingIsAppliedOrPruned() {
        AtomicReference<ProjectPolicy> current = new AtomicReference<>(policy(fixture, TEAM_A.formatted("")));
        fixture.newController(b -> b.projects(current::get));
        fixture.repo.write(GuestbookRepository.PATH + "/old.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: old
                """).commit("add old");
        fixture.controller.register(guestbook("team-a", "guestbook", AutomatedSync.of(true, false)));
        fixture.controller.start();
        fixture.run();
        assertThat(deployed()).isTrue();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "old")).isPresent();

        current.set(policy(fixture, TEAM_A.replace("""
                  clusterResourceWhitelist:
                  - group: ''
                    kind: Namespace
                """, "")));
        fixture.repo.delete(GuestbookRepository.PATH + "/old.yaml")
                .write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(4))
                .commit("drop old, four replicas");
        fixture.nextRound();

        OperationState last = status().operationState().orElseThrow();
        assertThat(last.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(last.message()).isEqualTo("resource :Namespace is not permitted in project team-a "
                + "(/Namespace/guestbook: not in clusterResourceWhitelist)");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "old")).as("the prune candidate survives")
                .isPresent();
        assertThat(fixture.replicas()).as("nothing applied").isEqualTo(2);
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("not permitted in project team-a"));
    }

    @Test
    void aForbiddenDestinationIsAnInvalidSpecErrorTheAppIsUnknownAndAManualSyncIsRefused() {
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("")).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", "kube-system", AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();

        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.UNKNOWN);
        assertThat(status().health().status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(status().conditions(ConditionType.INVALID_SPEC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("application destination server "
                        + "'https://kubernetes.default.svc' (cluster 'in-cluster') and namespace 'kube-system' do not "
                        + "match any of the allowed destinations in project 'team-a' (no entry of destinations matches it)"));
        assertThat(fixture.cluster.objects()).noneMatch(o -> o.at("/metadata/name").asText().startsWith("guestbook-"));
        assertThatThrownBy(() -> fixture.controller.sync("guestbook", SyncRequest.defaults()))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("do not match any of the allowed destinations in project 'team-a'");
    }

    @Test
    void anApplicationOfAProjectThatDoesNotExistIsBlockedWithArgoCdsMessage() {
        fixture.newController(b -> b.projects(java.util.List.of()));
        fixture.controller.register(guestbook("nope", "guestbook", AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();

        assertThat(status().conditions(ConditionType.INVALID_SPEC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("Application referencing project nope which does not exist"));
        assertThat(deployed()).isFalse();
    }

    @Test
    void aDenyWindowHoldsBackAutomatedSyncAndRefusesAManualOneUntilItCloses() {
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("""
                  syncWindows:
                  - kind: deny
                    schedule: '0 11 * * *'
                    duration: 2h
                    applications: ['guest*']
                """)).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", "guestbook", AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();

        assertThat(deployed()).isFalse();
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.OUT_OF_SYNC);
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("Sync operation blocked by sync window: automated sync "
                        + "of application 'guestbook' is inside deny window syncWindows[0] deny '0 11 * * *' for 2h of "
                        + "project 'team-a'"));
        assertThatThrownBy(() -> fixture.controller.sync("guestbook", SyncRequest.defaults()))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("manual sync of application 'guestbook' is inside deny window syncWindows[0]");

        fixture.clock.set(Instant.parse("2026-11-22T12:59:59Z"));
        fixture.run();
        assertThat(deployed()).as("still inside the window").isFalse();

        fixture.clock.set(Instant.parse("2026-11-22T13:00:01Z"));
        fixture.run();
        assertThat(deployed()).as("synced when the window closed, by the timer at its edge").isTrue();
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).isEmpty();
    }

    @Test
    void aManualOperationAsControllerModeRequestsItIsRefusedByADenyWindowWithoutManualSync() {
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("""
                  syncWindows:
                  - kind: deny
                    schedule: '0 11 * * *'
                    duration: 2h
                    applications: ['guest*']
                """)).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", "guestbook", AutomatedSync.DISABLED));
        fixture.controller.start();
        fixture.run();

        assertThatThrownBy(() -> fixture.controller.operate("guestbook",
                Operation.sync("", SyncRequest.defaults(), InitiatedBy.user("alice"))))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("Sync operation blocked by sync window: manual sync of application 'guestbook' "
                        + "is inside deny window syncWindows[0]");
        fixture.run();
        assertThat(deployed()).isFalse();
        assertThat(status().operationState()).as("no operation was started").isEmpty();
    }

    @Test
    void aManualOperationAsControllerModeRequestsItPassesADenyWindowWithManualSync() {
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("""
                  syncWindows:
                  - kind: deny
                    schedule: '0 11 * * *'
                    duration: 2h
                    applications: ['guest*']
                    manualSync: true
                """)).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", "guestbook", AutomatedSync.DISABLED));
        fixture.controller.start();
        fixture.run();

        CompletableFuture<OperationState> sync = fixture.controller.operate("guestbook",
                Operation.sync("", SyncRequest.defaults(), InitiatedBy.user("alice")));
        fixture.run();

        assertThat(sync.join().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(deployed()).isTrue();
    }

    @Test
    void aDenyWindowWithManualSyncLetsAManualSyncThrough() {
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("""
                  syncWindows:
                  - kind: deny
                    schedule: '0 11 * * *'
                    duration: 2h
                    namespaces: ['guestbook']
                    manualSync: true
                """)).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", "guestbook", AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        assertThat(deployed()).isFalse();

        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();

        assertThat(sync.join().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(deployed()).isTrue();
    }

    @Test
    void aDenyWindowThatOpensDuringASyncStopsItBeforeTheNextWaveUnlessItAllowsOverrun() {
        fixture.repo.write(GuestbookRepository.PATH + "/late.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: late
                  annotations:
                    argocd.argoproj.io/sync-wave: "1"
                """).commit("a second wave");
        fixture.clock.set(Instant.parse("2026-11-22T12:00:58Z"));
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("""
                  syncWindows:
                  - kind: deny
                    schedule: '1 12 * * *'
                    duration: 1h
                    applications: ['guestbook']
                """)).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", "guestbook", AutomatedSync.DISABLED));
        fixture.controller.start();
        fixture.run();

        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();

        OperationState done = sync.join();
        assertThat(done.phase()).isNotEqualTo(OperationPhase.SUCCEEDED);
        assertThat(done.message()).isEqualTo("Sync operation blocked by sync window: manual sync of application "
                + "'guestbook' is inside deny window syncWindows[0] deny '1 12 * * *' for 1h of project 'team-a'");
        assertThat(deployed()).as("wave 0 was applied before the window opened").isTrue();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "late")).as("wave 1 was not").isEmpty();
    }

    @Test
    void outsideItsAllowWindowAnApplicationWaitsAndSyncsWhenTheWindowOpens() {
        fixture.newController(b -> b.projects(policy(fixture, TEAM_A.formatted("""
                  syncWindows:
                  - kind: allow
                    schedule: '30 14 * * *'
                    duration: 1h
                    timeZone: Europe/Paris
                    clusters: ['in-cluster']
                """)).project("team-a").stream().toList()));
        fixture.controller.register(guestbook("team-a", new ApplicationDestination("", "in-cluster", "guestbook"),
                AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("is outside every allow window (syncWindows[0] allow "
                        + "'30 14 * * *' for 1h (Europe/Paris))"));

        fixture.clock.set(Instant.parse("2026-11-22T13:29:00Z"));   // 14:29 in Paris
        fixture.run();
        assertThat(deployed()).isFalse();

        fixture.clock.set(Instant.parse("2026-11-22T13:30:01Z"));   // 14:30:01 in Paris
        fixture.run();
        assertThat(deployed()).isTrue();
    }
}
