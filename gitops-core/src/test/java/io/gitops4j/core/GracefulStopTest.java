package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the controller during a sync of several waves: the sync stops at a safe point between
 * two steps, stays Running in the store, and the next controller on the same store runs it again
 * from its start and completes it. A manual clock and scheduler: nothing sleeps.
 */
class GracefulStopTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
        fixture.repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(2)
                .replace("  name: guestbook-ui\n", "  name: guestbook-ui\n  annotations:\n"
                        + "    argocd.argoproj.io/sync-wave: \"1\"\n"))
                .write(GuestbookRepository.PATH + "/service.yaml", fixture.repo.read(GuestbookRepository.PATH
                        + "/service.yaml").replace("  name: guestbook-ui\n", "  name: guestbook-ui\n  annotations:\n"
                                + "    argocd.argoproj.io/sync-wave: \"2\"\n"))
                .commit("the Deployment in wave 1, the Service in wave 2");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Application guestbook() {
        return Application.builder("guestbook").repoURL(fixture.repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.DISABLED).build();
    }

    private boolean serviceExists() {
        return fixture.cluster.get("v1", "Service", "guestbook", "guestbook-ui").isPresent();
    }

    private OperationState storedOperation() {
        return fixture.store.load("guestbook").map(v -> v.state()).map(StoredState::status)
                .flatMap(ApplicationStatus::operationState).orElseThrow();
    }

    @Test
    void aSyncCutOffByCloseStaysRunningAndTheNextControllerCompletesIt() {
        fixture.controller.register(guestbook());
        fixture.controller.start();
        fixture.run();
        AtomicInteger paces = new AtomicInteger();
        fixture.onPace = () -> {
            if (paces.incrementAndGet() == 1) {
                fixture.controller.close();   // as a SIGTERM would, while the first wave waits
            }
        };

        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();

        assertThat(paces).as("the sync stopped at the first safe point").hasValue(1);
        assertThat(sync).isCancelled();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).as("wave 0").isPresent();
        assertThat(serviceExists()).as("wave 2 never started").isFalse();
        OperationState cutOff = storedOperation();
        assertThat(cutOff.phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(cutOff.finishedAt()).isEmpty();
        assertThat(fixture.store.load("guestbook").orElseThrow().state().status().history()).isEmpty();

        fixture.onPace = () -> { };
        fixture.newController().register(guestbook());
        fixture.controller.start();
        fixture.run();

        OperationState resumed = storedOperation();
        assertThat(resumed.phase()).as(resumed.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(resumed.operation()).isEqualTo(cutOff.operation());
        assertThat(resumed.retryCount()).as("a restart is no failed attempt").isZero();
        assertThat(serviceExists()).isTrue();
        assertThat(fixture.replicas()).isEqualTo(2);
        assertThat(fixture.controller.history("guestbook")).hasSize(1);
    }

    @Test
    void anOperationThatCompletesBeforeCloseIsRecordedAsUsual() {
        fixture.controller.register(guestbook());
        fixture.controller.start();
        fixture.run();
        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();

        fixture.controller.close();

        assertThat(sync).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.SUCCEEDED);
        assertThat(storedOperation().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        fixture.newController().register(guestbook());
        fixture.controller.start();
        fixture.run();
        assertThat(fixture.controller.history("guestbook")).as("not run again").hasSize(1);
    }
}
