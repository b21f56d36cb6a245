package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pausing automated sync of one application during an incident, and resuming it. */
class ControllerPauseTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                .build());
        fixture.controller.start();
        fixture.run();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void scaleByHand(int replicas) {
        ObjectNode edited = fixture.deployment();
        ((ObjectNode) edited.get("spec")).put("replicas", replicas);
        fixture.cluster.update(edited);
    }

    private ApplicationStatus status() {
        return fixture.controller.status("guestbook");
    }

    @Test
    void aPausedApplicationKeepsAChangeMadeByHandShowsWhyAndIsHealedOnceResumed() {
        fixture.controller.pauseAutomatedSync("guestbook", "INC-42: scaled up by hand");
        scaleByHand(10);
        fixture.run();
        fixture.nextRound();

        assertThat(fixture.replicas()).isEqualTo(10);
        assertThat(status().conditions(ConditionType.AUTOMATED_SYNC_PAUSED)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("automated sync paused: INC-42: scaled up by hand"));
        assertThat(fixture.controller.automatedSyncPause("guestbook")).isPresent();

        fixture.newController();   // a restart keeps the pause
        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                .build());
        fixture.controller.start();
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(10);
        assertThat(fixture.controller.automatedSyncPause("guestbook").map(p -> p.reason()))
                .contains("INC-42: scaled up by hand");

        assertThat(fixture.controller.resumeAutomatedSync("guestbook")).isTrue();
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(2);
        assertThat(status().conditions(ConditionType.AUTOMATED_SYNC_PAUSED)).isEmpty();
    }

    @Test
    void aPauseWithAnExpiryEndsOnTheControllersClockAndAManualSyncRunsMeanwhile() {
        fixture.controller.pauseAutomatedSync("guestbook", "load test", Duration.ofMinutes(30));
        assertThat(status().conditions(ConditionType.AUTOMATED_SYNC_PAUSED)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo("automated sync paused until 2026-11-22T12:30:00Z: load test"));
        scaleByHand(7);
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(7);

        CompletableFuture<OperationState> manual = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();
        assertThat(manual.join().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(fixture.replicas()).isEqualTo(2);

        scaleByHand(8);
        fixture.clock.set(Instant.parse("2026-11-22T12:29:59Z"));
        fixture.run();
        assertThat(fixture.replicas()).isEqualTo(8);

        fixture.clock.set(Instant.parse("2026-11-22T12:30:00Z"));
        fixture.run();
        assertThat(fixture.replicas()).as("healed the moment the pause expired").isEqualTo(2);
        assertThat(fixture.controller.automatedSyncPause("guestbook")).isEmpty();
        assertThat(status().conditions(ConditionType.AUTOMATED_SYNC_PAUSED)).isEmpty();
    }
}
