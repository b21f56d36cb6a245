package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.SyncStrategy;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's {@code syncStrategy} on every operation: {@code apply} (a rollback's) syncs every
 * resource but runs no hook, {@code hook} runs them, and {@code force} deletes and creates again
 * what the server refuses to change.
 */
class SyncStrategyTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
        fixture.repo.write(GuestbookRepository.PATH + "/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations:
                    argocd.argoproj.io/hook: PreSync
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:1"}]
                """).commit("a PreSync migration Job");
        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(AutomatedSync.DISABLED)
                .build());
        fixture.controller.start();
        fixture.run();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private boolean migrationJobExists() {
        return fixture.cluster.get("batch/v1", "Job", "guestbook", "migrate").isPresent();
    }

    private void deleteMigrationJob() {
        fixture.cluster.delete(fixture.cluster.resourceType("batch/v1", "Job").orElseThrow(), "guestbook", "migrate",
                DeleteOptions.defaults());
        fixture.cluster.controllers().tick();
        assertThat(migrationJobExists()).isFalse();
    }

    private OperationState sync(CompletableFuture<OperationState> operation) {
        fixture.run();
        assertThat(operation).isDone();
        return operation.join();
    }

    private void commitReplicas(int replicas) {
        fixture.repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(replicas))
                .commit("scale to " + replicas);
        fixture.controller.refresh(fixture.repo.url(), "");
        fixture.run();
    }

    @Test
    void aRollbackAppliesTheHistoryEntryWithoutRunningHooksWhereASyncRunsThem() {
        OperationState first = sync(fixture.controller.sync("guestbook", SyncRequest.defaults()));
        assertThat(first.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(migrationJobExists()).as("a sync runs the PreSync hook").isTrue();
        deleteMigrationJob();
        commitReplicas(5);
        assertThat(sync(fixture.controller.sync("guestbook", SyncRequest.defaults())).phase())
                .isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(migrationJobExists()).isTrue();
        deleteMigrationJob();

        OperationState rollback = sync(fixture.controller.rollback("guestbook", 0, SyncRequest.defaults()));

        assertThat(rollback.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(rollback.operation().strategy()).isEqualTo(SyncStrategy.APPLY);
        assertThat(fixture.replicas()).as("the entry's revision is applied").isEqualTo(2);
        assertThat(migrationJobExists()).as("a rollback runs no hook, as Argo CD's apply strategy").isFalse();
        assertThat(rollback.syncResult().orElseThrow().resources()).noneMatch(r -> r.hook().isPresent())
                .extracting(ResourceResult::key).extracting(k -> k.kind()).contains("Deployment");
    }

    @Test
    void theApplyStrategyLeavesHooksOutOfAnyOperationAndTheHookStrategyRunsThem() {
        Operation apply = Operation.sync("", SyncRequest.defaults(), InitiatedBy.user("alice"))
                .withStrategy(SyncStrategy.APPLY);
        assertThat(sync(fixture.controller.operate("guestbook", apply)).phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(migrationJobExists()).isFalse();
        assertThat(fixture.replicas()).isEqualTo(2);

        assertThat(sync(fixture.controller.operate("guestbook", apply.withStrategy(SyncStrategy.HOOK))).phase())
                .isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(migrationJobExists()).isTrue();
    }

    @Test
    void forceDeletesAndCreatesAgainWhatTheServerRefusesToChange() {
        assertThat(sync(fixture.controller.sync("guestbook", SyncRequest.defaults())).phase())
                .isEqualTo(OperationPhase.SUCCEEDED);
        fixture.repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(2)
                .replace("app: guestbook-ui", "app: guestbook-web")).commit("a new selector, an immutable field");
        fixture.controller.refresh(fixture.repo.url(), "");
        fixture.run();
        Operation plain = Operation.sync("", SyncRequest.defaults(), InitiatedBy.user("alice"))
                .withStrategy(SyncStrategy.APPLY);

        OperationState refused = sync(fixture.controller.operate("guestbook", plain));
        assertThat(refused.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(refused.message()).contains("immutable");

        OperationState forced = sync(fixture.controller.operate("guestbook", plain.withStrategy(
                SyncStrategy.APPLY.withForce(true))));
        assertThat(forced.phase()).as(forced.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(fixture.deployment().at("/spec/selector/matchLabels/app").asText()).isEqualTo("guestbook-web");
    }
}
