package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncInProgressException;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.engine.StepPacer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitOps} runs one sync of an application at a time, as Argo CD runs one operation: a
 * second manual sync is refused while the first runs, an automated one is skipped, and two
 * instances (two processes) keep each other out through the application's Lease. The first sync
 * is held between its two waves by a latch in the pacer; nothing sleeps.
 */
class OneSyncAtATimeTest {

    private static final Instant START = Instant.parse("2026-11-22T09:30:00Z");

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster cluster = FakeCluster.builder().clock(clock).build();
    private final ExecutorService threads = Executors.newSingleThreadExecutor(r -> new Thread(r, "first-sync"));
    private final CountDownLatch betweenWaves = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    private LocalRepository repo;

    @BeforeEach
    void setUp() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        repo.write(GuestbookRepository.PATH + "/later.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: later
                  annotations: {argocd.argoproj.io/sync-wave: "1"}
                """).commit("a second wave");
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        repo.close();
    }

    @Test
    void aSecondSyncOfTheApplicationIsRefusedAndAnAutomatedOneSkippedWhileTheFirstRuns() throws Exception {
        GitOps gitops = gitops("process-a", heldBetweenWaves());
        Future<ReconcileResult> first = threads.submit(() -> gitops.sync(app(AutomatedSync.DISABLED), SyncRequest.defaults()));
        assertThat(betweenWaves.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> gitops.sync(app(AutomatedSync.DISABLED), SyncRequest.defaults()))
                .isInstanceOf(SyncInProgressException.class)
                .hasMessage("another sync of application guestbook is running since 2026-11-22T09:30:00Z (started by "
                        + "this process, thread first-sync); wait for it to end");
        ReconcileResult automated = gitops.reconcile(app(AutomatedSync.of(true, true)));
        assertThat(automated.sync()).isEmpty();
        assertThat(automated.decision()).startsWith("auto-sync skipped: another sync of application guestbook is running");
        goOn.countDown();

        ReconcileResult result = first.get(30, TimeUnit.SECONDS);
        assertThat(result.syncFailed()).as(result.sync().orElseThrow().message()).isFalse();
        assertThat(result.sync().orElseThrow().resources()).extracting(ResourceResult::action)
                .containsOnly(ResourceAction.CREATED);
        assertThat(gitops.history("guestbook")).hasSize(1);
        assertThat(gitops.sync(app(AutomatedSync.DISABLED), SyncRequest.defaults()).syncFailed()).isFalse();
    }

    @Test
    void anotherInstanceIsKeptOutByTheLeaseUntilTheFirstSyncEnds() throws Exception {
        GitOps processA = gitops("process-a", heldBetweenWaves());
        GitOps processB = gitops("process-b", this::moveClockTo);
        Future<ReconcileResult> first = threads.submit(() -> processA.sync(app(AutomatedSync.DISABLED), SyncRequest.defaults()));
        assertThat(betweenWaves.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> processB.sync(app(AutomatedSync.DISABLED), SyncRequest.defaults()))
                .isInstanceOf(SyncInProgressException.class)
                .hasMessageStartingWith("another sync of application guestbook is running since 2026-11-22T09:30:00Z "
                        + "(started by process-a); its lease default/gitops4j-sync-guestbook runs until");
        goOn.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).syncFailed()).isFalse();

        ReconcileResult second = processB.sync(app(AutomatedSync.DISABLED), SyncRequest.defaults());
        assertThat(second.syncFailed()).isFalse();
        assertThat(second.sync().orElseThrow().resources()).extracting(ResourceResult::action)
                .as("the second sync saw what the first did").containsOnly(ResourceAction.UNCHANGED);
    }

    private StepPacer heldBetweenWaves() {
        return next -> {
            betweenWaves.countDown();
            if (!goOn.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the first sync go on");
            }
            moveClockTo(next);
        };
    }

    private void moveClockTo(Instant next) {
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
        cluster.controllers().tick();
    }

    private GitOps gitops(String identity, StepPacer pacer) {
        return GitOps.builder().cluster(cluster).workDir(temp.resolve("work-" + identity)).clock(clock).pacer(pacer)
                .lockIdentity(identity).build();
    }

    private Application app(AutomatedSync automated) {
        return Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(automated).build();
    }
}
