package io.gitops4j.core.fleet;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.GitRepositoryFiles;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fleet on a fake cluster, a manual clock and a manual scheduler, with a Git repository the test
 * writes: tests move the clock and run the work, nothing sleeps.
 */
final class FleetFixture implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(3);

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
    final FakeCluster cluster = new FakeCluster(clock);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
    final LocalRepository repo;
    final GitSource git;
    final Fleet fleet;
    final ApplicationController controller;

    FleetFixture(Path temp, boolean childApplicationHealth) {
        this.repo = LocalRepository.init(temp.resolve("repo"));
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock).pacer(next -> {
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            cluster.controllers().tick();
        }).build();
        this.git = GitSource.builder(temp.resolve("appset-git")).clock(clock).build();
        this.fleet = Fleet.builder(gitops.controller().refreshInterval(INTERVAL).jitter(Duration.ZERO)
                .listener(events::add)).clock(clock).scheduler(scheduler).git(git)
                .childApplicationHealth(childApplicationHealth).build();
        this.controller = fleet.controller();
    }

    ApplicationSetReconciler applicationSets() {
        return fleet.applicationSets(ApplicationSetGenerator.builder().inClusterDefault(false)
                .repositories(new GitRepositoryFiles(git)).build());
    }

    /** Runs everything due now. */
    void run() {
        scheduler.runUntilIdle();
    }

    /** Moves the clock and runs what comes due. */
    void advance(Duration duration) {
        clock.advance(duration);
        run();
    }

    /** A ConfigMap named {@code name} with one key. */
    static String configMap(String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  value: %s
                """.formatted(name, value);
    }

    @Override
    public void close() {
        fleet.close();
        repo.close();
    }
}
