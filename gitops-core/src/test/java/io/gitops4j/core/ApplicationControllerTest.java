package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.OperationRefusedException;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application controller end to end: a fake cluster, a Git repository made here, a manual clock and scheduler. */
class ApplicationControllerTest {

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

    private Application guestbook(AutomatedSync automated) {
        return Application.builder("guestbook").repoURL(fixture.repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(automated).build();
    }

    private String commitReplicas(int replicas) {
        return fixture.repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(replicas))
                .commit("scale to " + replicas);
    }

    private ApplicationStatus status() {
        return fixture.controller.status("guestbook");
    }

    @Test
    void aCommitIsPickedUpByTheRefreshIntervalAndByAWebhookRefresh() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(status().history()).hasSize(1);
        assertThat(fixture.replicas()).isEqualTo(2);

        String three = commitReplicas(3);
        fixture.run();
        assertThat(fixture.replicas()).as("nothing looks at Git before the interval or a refresh").isEqualTo(2);
        fixture.nextRound();
        assertThat(fixture.replicas()).isEqualTo(3);
        assertThat(status().sync().revision()).isEqualTo(three);
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);

        String four = commitReplicas(4);
        assertThat(fixture.controller.refresh(fixture.repo.url(), "refs/heads/master")).isEqualTo(1);
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(4);
        assertThat(fixture.controller.history("guestbook")).extracting(RevisionHistory::revision).endsWith(three, four);
        assertThat(fixture.eventTypes("guestbook")).contains(ApplicationEvent.Type.OUT_OF_SYNC,
                ApplicationEvent.Type.SYNC_STARTED, ApplicationEvent.Type.SYNC_SUCCEEDED);
    }

    @Test
    void aDriftIsRevertedBySelfHealWithinOneWatchEvent() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        ObjectNode edited = fixture.deployment();
        ((ObjectNode) edited.get("spec")).put("replicas", 7);
        fixture.cluster.update(edited);

        fixture.run();

        assertThat(fixture.replicas()).isEqualTo(2);
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(status().operationState()).map(OperationState::operation)
                .hasValueSatisfying(op -> assertThat(op.resources()).hasSize(1));
    }

    @Test
    void aFailedRenderKeepsTheLastGoodStateAndPrunesNothing() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        String good = status().sync().revision();
        fixture.repo.write(GuestbookRepository.PATH + "/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: guestbook-settings
                data:
                  greeting: hello
                   broken: indentation
                """).commit("break it");

        fixture.nextRound();

        assertThat(status().conditions(ConditionType.COMPARISON_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).contains("configmap.yaml"));
        assertThat(status().sync().revision()).isEqualTo(good);
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isPresent();
        assertThat(fixture.eventTypes("guestbook")).containsOnlyOnce(ApplicationEvent.Type.SYNC_STARTED);
    }

    @Test
    void aFailedFetchKeepsTheLastGoodStateAndPrunesNothing() throws Exception {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        deleteRecursively(fixture.repo.directory());

        fixture.nextRound();

        assertThat(status().conditions(ConditionType.COMPARISON_ERROR)).hasSize(1);
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isPresent();
        assertThat(fixture.replicas()).isEqualTo(2);
    }

    @Test
    void rollbackSyncsAHistoryEntryAgainAndIsRefusedWhileAutomatedSyncIsOn() {
        fixture.controller.register(guestbook(AutomatedSync.DISABLED));
        fixture.controller.start();
        fixture.run();
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.OUT_OF_SYNC);
        CompletableFuture<OperationState> first = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();
        assertThat(first).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.SUCCEEDED);
        commitReplicas(5);
        fixture.controller.refresh(fixture.repo.url(), "");
        fixture.run();
        fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(5);
        assertThat(fixture.controller.history("guestbook")).extracting(RevisionHistory::id).containsExactly(0L, 1L);

        fixture.controller.rollback("guestbook", 0, SyncRequest.defaults());
        fixture.run();

        assertThat(fixture.replicas()).isEqualTo(2);
        assertThat(fixture.controller.history("guestbook")).extracting(RevisionHistory::id).containsExactly(0L, 1L, 2L);
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        assertThatThrownBy(() -> fixture.controller.rollback("guestbook", 0, SyncRequest.defaults()))
                .isInstanceOf(OperationRefusedException.class).hasMessageContaining("automated sync is enabled");
        assertThatThrownBy(() -> fixture.controller.rollback("guestbook", 9, SyncRequest.defaults()))
                .isInstanceOf(OperationRefusedException.class);
    }

    @Test
    void aDryRunIsNotRecordedAndDoesNotStopALaterAutomatedSync() {
        fixture.controller.register(guestbook(AutomatedSync.DISABLED));
        fixture.controller.start();
        fixture.run();
        fixture.controller.sync("guestbook", SyncRequest.builder().dryRun(true).build());
        fixture.run();
        assertThat(status().operationState()).hasValueSatisfying(s -> assertThat(s.operation().dryRun()).isTrue());
        assertThat(status().history()).isEmpty();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isEmpty();

        fixture.controller.register(guestbook(AutomatedSync.of(true, false)));
        fixture.run();

        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(status().history()).hasSize(1);
    }

    @Test
    void aRestartOnTheSameStoreDoesNotSyncAgain() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        fixture.controller.close();
        fixture.events.clear();

        fixture.newController();
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.eventTypes("guestbook")).doesNotContain(ApplicationEvent.Type.SYNC_STARTED);
        assertThat(status().history()).hasSize(1);
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
    }

    @Test
    void twoApplicationsOfOneRepositoryFetchItOnceAndAQuietRoundOnlyListsIt() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.repo.write("apps/settings/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  colour: blue
                """).commit("add settings");
        fixture.controller.register(Application.builder("settings").repoURL(fixture.repo.url())
                .path("apps/settings").destinationNamespace("default")
                .automated(AutomatedSync.of(true, true)).build());
        fixture.controller.start();
        fixture.run();
        assertThat(fixture.gitRequests("fetch")).isEqualTo(1);
        long listings = fixture.gitRequests("ls-remote");
        assertThat(fixture.controller.statuses().values()).extracting(s -> s.sync().status())
                .containsOnly(SyncStatusCode.SYNCED);

        fixture.nextRound();

        assertThat(fixture.gitRequests("ls-remote")).isEqualTo(listings + 1);
        assertThat(fixture.gitRequests("fetch")).isEqualTo(1);
    }

    @Test
    void aSpecPointedAtAPathPushedSinceTheRoundStartedListsTheRepositoryAgain() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        fixture.clock.advance(Duration.ofSeconds(20));
        String pushed = fixture.repo.write("apps/settings/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  colour: blue
                """).commit("add settings");

        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path("apps/settings").destinationNamespace("default").automated(AutomatedSync.of(false, false)).build());
        fixture.run();

        assertThat(status().conditions()).isEmpty();
        assertThat(status().sync().revision()).isEqualTo(pushed);
        assertThat(fixture.cluster.get("v1", "ConfigMap", "default", "settings")).isPresent();
    }

    @Test
    void aQuietRoundDoesNotCompareAgain() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        ApplicationStatus before = status();

        fixture.nextRound();

        assertThat(status()).as("nothing compared, so reconciledAt did not move").isSameAs(before);
    }

    @Test
    void deleteWithCascadeDeletesTheResourcesAndWithoutKeepsThem() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();

        CompletableFuture<Void> deleted = fixture.controller.delete("guestbook", Cascade.FOREGROUND);
        fixture.run();

        assertThat(deleted).isCompleted();
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isEmpty();
        assertThat(fixture.controller.statuses()).isEmpty();
        assertThat(fixture.eventTypes("guestbook")).endsWith(ApplicationEvent.Type.DELETED);

        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.run();
        fixture.controller.delete("guestbook", Cascade.NONE);
        fixture.run();
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isPresent();
        assertThat(fixture.controller.statuses()).isEmpty();
    }

    @Test
    void aDroppedWatchIsStartedAgainAndADriftMadeMeanwhileIsStillHealed() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.controller.start();
        fixture.run();
        fixture.cluster.faults().dropWatches("Deployment");
        ObjectNode edited = fixture.deployment();
        ((ObjectNode) edited.get("spec")).put("replicas", 9);
        fixture.cluster.update(edited);

        fixture.run();

        assertThat(fixture.replicas()).isEqualTo(2);
        edited = fixture.deployment();
        ((ObjectNode) edited.get("spec")).put("replicas", 8);
        fixture.cluster.update(edited);
        fixture.clock.advance(java.time.Duration.ofSeconds(2));
        fixture.run();
        assertThat(fixture.replicas()).as("the new watch sees later drifts").isEqualTo(2);
    }

    @Test
    void aSelectiveSyncIsNotRecordedAndAHardRefreshRendersAgain() {
        fixture.controller.register(guestbook(AutomatedSync.DISABLED));
        fixture.controller.start();
        fixture.run();
        fixture.controller.sync("guestbook", SyncRequest.builder().resources(java.util.Set.of(
                new io.gitops4j.kube.ResourceKey("", "Namespace", "", "guestbook"),
                new io.gitops4j.kube.ResourceKey("", "ConfigMap", "guestbook", "guestbook-settings"))).build());
        fixture.run();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isPresent();
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isEmpty();
        assertThat(status().history()).isEmpty();

        fixture.controller.register(guestbook(AutomatedSync.of(true, true)));
        fixture.run();
        assertThat(fixture.replicas()).as("the selective sync did not count as the revision's sync").isEqualTo(2);
        assertThat(status().history()).hasSize(1);

        ApplicationStatus before = status();
        fixture.clock.advance(java.time.Duration.ofSeconds(1));
        fixture.controller.refresh("guestbook", io.gitops4j.core.engine.RefreshType.HARD);
        fixture.run();
        assertThat(status().reconciledAt()).as("a hard refresh compares again")
                .isNotEqualTo(before.reconciledAt()).contains(fixture.clock.instant());
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
