package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application controller as it runs against a real API server: every read, write and watch
 * crosses HTTP through fabric8 to the fake cluster, which a second client (the test, standing in
 * for a user with kubectl) changes behind the controller's back.
 */
class ApplicationControllerOverHttpIT {

    private static final Duration INTERVAL = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private FakeApiServer server;
    private KubernetesClient client;
    private LocalRepository repo;
    private ManualScheduler scheduler;
    private ApplicationController controller;

    @BeforeEach
    void start() {
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        repo = GuestbookRepository.create(temp.resolve("repo"));
        GitOps gitops = GitOps.builder().cluster(new Fabric8Cluster(client)).workDir(temp.resolve("work")).clock(clock)
                .pacer(next -> {
                    if (next.isAfter(clock.instant())) {
                        clock.set(next);
                    }
                    fake.controllers().tick();
                }).build();
        scheduler = new ManualScheduler(clock);
        controller = gitops.controller().scheduler(scheduler).refreshInterval(INTERVAL).jitter(Duration.ZERO).build();
        controller.register(Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build());
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        client.close();
        server.close();
        repo.close();
    }

    @Test
    void anApplicationIsSyncedAndADriftMadeOverHttpIsHealedByTheWatch() {
        runUntil(() -> controller.status("guestbook").sync().status() == SyncStatusCode.SYNCED && replicas() == 2);
        assertThat(fake.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isPresent();

        client.apps().deployments().inNamespace("guestbook").withName("guestbook-ui").scale(7);

        runUntil(() -> replicas() == 2);
        assertThat(controller.status("guestbook").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(controller.history("guestbook")).as("a self-heal is not a new history entry").hasSize(1);
    }

    @Test
    void aCommitIsSyncedOnTheNextRoundAndABrokenCommitPrunesNothing() {
        runUntil(() -> controller.status("guestbook").sync().status() == SyncStatusCode.SYNCED);
        repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(4)).commit("scale to 4");
        clock.advance(INTERVAL.plusSeconds(1));
        runUntil(() -> replicas() == 4);

        repo.write(GuestbookRepository.PATH + "/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: guestbook-settings
                data:
                  greeting: hello
                   broken: indentation
                """).commit("break it");
        clock.advance(INTERVAL.plusSeconds(1));
        runUntil(() -> !controller.status("guestbook").conditions(ConditionType.COMPARISON_ERROR).isEmpty());

        assertThat(fake.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isPresent();
        assertThat(replicas()).isEqualTo(4);
    }

    private int replicas() {
        return fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")
                .map(d -> ((ObjectNode) d).at("/spec/replicas").asInt()).orElse(-1);
    }

    /**
     * Runs the controller's due work until {@code done}: watch events arrive on the HTTP client's
     * threads, so the test gives them up to 30 s to arrive (it asserts no duration).
     */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> { },
                () -> "the controller did not get there within 30 s: " + controller.status("guestbook"));
    }
}
