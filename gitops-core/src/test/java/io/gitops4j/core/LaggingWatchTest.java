package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller when watch events arrive after the writes that caused them, as they do from a
 * real API server: what a sync wrote is not mistaken for drift, and an event older than what the
 * controller already read does not bring back an old object.
 */
class LaggingWatchTest {

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private final LaggingWatchCluster cluster = new LaggingWatchCluster(fake);
    private LocalRepository repo;
    private ManualScheduler scheduler;
    private ApplicationController controller;

    @BeforeEach
    void start() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock).pacer(next -> {
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            fake.controllers().tick();
        }).build();
        scheduler = new ManualScheduler(clock);
        controller = gitops.controller().scheduler(scheduler).jitter(Duration.ZERO).build();
        controller.register(Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build());
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        repo.close();
    }

    @Test
    void whatASyncWroteIsNotTakenForDriftBeforeItsWatchEventsArrive() {
        scheduler.runUntilIdle();

        assertThat(controller.status("guestbook").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(selfHealAttempts()).as("no self-heal of objects the sync itself wrote").isZero();

        cluster.deliver();
        scheduler.runUntilIdle();
        assertThat(controller.status("guestbook").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(selfHealAttempts()).as("late events of the sync's own writes are no drift either").isZero();
    }

    @Test
    void aDriftAfterASyncIsHealedAtOnceWithoutABackoff() {
        scheduler.runUntilIdle();
        cluster.deliver();
        scheduler.runUntilIdle();

        ObjectNode deployment = fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
        ((ObjectNode) deployment.get("spec")).put("replicas", 7);
        fake.update(deployment);
        cluster.deliver();
        scheduler.runUntilIdle();

        assertThat(fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow()
                .at("/spec/replicas").asInt()).as("healed by the first self-heal, which does not wait").isEqualTo(2);
        assertThat(selfHealAttempts()).isEqualTo(1);
        assertThat(controller.history("guestbook")).hasSize(1);
    }

    private long selfHealAttempts() {
        return controller.status("guestbook").operationState().map(OperationState::operation)
                .map(o -> (long) o.selfHealAttemptsCount()).orElse(0L);
    }
}
