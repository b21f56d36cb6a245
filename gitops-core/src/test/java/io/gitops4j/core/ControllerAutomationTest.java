package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.model.SyncPolicy;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automated sync's rules, events, metrics and interrupted operations in the controller. */
class ControllerAutomationTest {

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

    private Application guestbook(AutomatedSync automated, RetryPolicy retry) {
        return Application.builder("guestbook").repoURL(fixture.repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(automated)
                .syncPolicy(new SyncPolicy(List.of(), retry, ManagedNamespaceMetadata.NONE)).build();
    }

    private ApplicationStatus status() {
        return fixture.controller.status("guestbook");
    }

    private void drift(int replicas) {
        ObjectNode edited = fixture.deployment();
        ((ObjectNode) edited.get("spec")).put("replicas", replicas);
        fixture.cluster.update(edited);
    }

    private long syncsStarted() {
        return fixture.eventTypes("guestbook").stream().filter(t -> t == ApplicationEvent.Type.SYNC_STARTED).count();
    }

    @Test
    void selfHealBacksOffBetweenRepeatedDrifts() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true), RetryPolicy.NONE));
        fixture.controller.start();
        fixture.run();
        drift(5);
        fixture.run();
        assertThat(fixture.replicas()).as("the first self-heal runs at once").isEqualTo(2);

        drift(6);
        fixture.run();
        assertThat(fixture.replicas()).as("the second waits 2 s").isEqualTo(6);
        assertThat(status().sync().status()).isEqualTo(SyncStatusCode.OUT_OF_SYNC);

        fixture.clock.advance(Duration.ofSeconds(2));
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(2);
    }

    @Test
    void aRevisionWhoseSyncFailedIsNotSyncedAgainUntilGitMoves() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true), RetryPolicy.NONE));
        fixture.controller.start();
        fixture.run();
        fixture.repo.write(GuestbookRepository.PATH + "/bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bad
                  labels:
                    tier: "not a valid label!"
                """).commit("add an invalid object");
        fixture.nextRound();
        assertThat(fixture.eventTypes("guestbook")).contains(ApplicationEvent.Type.SYNC_FAILED);
        long attempts = syncsStarted();

        fixture.nextRound();
        fixture.nextRound();

        assertThat(syncsStarted()).isEqualTo(attempts);
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).startsWith("Failed last sync attempt to"));
        assertThat(fixture.metrics.get("argocd.app.sync").tag("phase", "Failed").counter().count()).isEqualTo(1);

        fixture.repo.delete(GuestbookRepository.PATH + "/bad.yaml")
                .write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(3)).commit("fix");
        fixture.nextRound();
        assertThat(syncsStarted()).isEqualTo(attempts + 1);
        assertThat(fixture.replicas()).isEqualTo(3);
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).isEmpty();
    }

    @Test
    void healthChangesAreToldWithTheOldAndNewHealthAndMetricsCarryArgoCdsNames() {
        fixture.controller.register(guestbook(AutomatedSync.of(true, true), RetryPolicy.NONE));
        fixture.controller.start();
        fixture.run();
        assertThat(status().health().status()).isEqualTo(HealthStatus.PROGRESSING);

        fixture.cluster.controllers().settle();
        fixture.run();

        assertThat(status().health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(fixture.events).filteredOn(e -> e.type() == ApplicationEvent.Type.HEALTH_CHANGED).last()
                .satisfies(e -> {
                    assertThat(e.oldHealth()).map(h -> h.status()).contains(HealthStatus.PROGRESSING);
                    assertThat(e.newHealth()).map(h -> h.status()).contains(HealthStatus.HEALTHY);
                });
        assertThat(fixture.metrics.get("argocd.app.info").tag("name", "guestbook").tag("sync_status", "Synced")
                .tag("health_status", "Healthy").tag("autosync_enabled", "true").gauge().value()).isEqualTo(1.0);
        assertThat(fixture.metrics.find("argocd.app.info").tag("health_status", "Progressing").gauge()).isNull();
        assertThat(fixture.metrics.get("argocd.app.sync").tag("name", "guestbook").tag("phase", "Succeeded")
                .counter().count()).isEqualTo(1);
        assertThat(fixture.metrics.get("argocd.app.reconcile").summary().count()).isPositive();
    }

    @Test
    void anOperationLeftRunningByAStoppedProcessIsResumed() {
        storeRunningOperation(RetryPolicy.limit(2));
        fixture.controller.register(guestbook(AutomatedSync.DISABLED, RetryPolicy.limit(2)));
        fixture.controller.start();
        fixture.run();

        assertThat(status().operationState()).hasValueSatisfying(s -> {
            assertThat(s.phase()).isEqualTo(OperationPhase.SUCCEEDED);
            assertThat(s.retryCount()).as("a restart is no failed attempt, as in Argo CD").isZero();
        });
        assertThat(fixture.replicas()).isEqualTo(2);
        assertThat(status().history()).hasSize(1);
    }

    @Test
    void anOperationLeftRunningWithoutRetriesIsRunAgainAsArgoCdResumesARunningOperation() {
        storeRunningOperation(RetryPolicy.NONE);
        fixture.controller.register(guestbook(AutomatedSync.DISABLED, RetryPolicy.NONE));
        fixture.controller.start();
        fixture.run();

        assertThat(status().operationState()).hasValueSatisfying(s -> {
            assertThat(s.phase()).isEqualTo(OperationPhase.SUCCEEDED);
            assertThat(s.retryCount()).isZero();
        });
        assertThat(fixture.replicas()).isEqualTo(2);
    }

    @Test
    void aWaitingOperationCanBeTerminated() {
        fixture.controller.register(guestbook(AutomatedSync.DISABLED, RetryPolicy.NONE));
        fixture.controller.start();
        fixture.run();
        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook", SyncRequest.defaults());

        assertThat(fixture.controller.terminate("guestbook")).isTrue();
        fixture.run();

        assertThat(sync).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.FAILED
                && s.message().contains("terminated"));
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isEmpty();
        assertThat(fixture.eventTypes("guestbook")).contains(ApplicationEvent.Type.SYNC_FAILED);
    }

    private void storeRunningOperation(RetryPolicy retry) {
        Operation operation = Operation.sync("", SyncRequest.builder().retry(retry).build(), InitiatedBy.user("ops"));
        OperationState running = new OperationState(operation, OperationPhase.RUNNING, "", fixture.clock.instant(),
                Optional.empty(), 0, Optional.empty());
        fixture.store.save("guestbook", new StoredState(ApplicationStatus.UNKNOWN.withOperationState(Optional.of(running)),
                Optional.empty()), Optional.empty());
    }
}
