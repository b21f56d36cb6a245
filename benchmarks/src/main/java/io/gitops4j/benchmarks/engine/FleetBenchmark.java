package io.gitops4j.benchmarks.engine;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fleet of applications of 20 resources each (a Service and 19 ConfigMaps), registered with
 * one application controller over the in-process fake cluster, their manifests in one local Git
 * repository ({@value #FOLDERS} folders, application {@code i} rendering folder {@code i %
 * FOLDERS} into its own namespace). Work runs on a {@link ManualScheduler} on the benchmark
 * thread, so the figures are for one core.
 * <ul>
 *   <li>{@code firstReconcile}: start the controller on an empty cluster and run until every
 *       application is synced (list and watch, one ls-remote and fetch, render, compare, sync).
 *   <li>{@code noOpRound}: one refresh round with nothing changed: one {@code ls-remote}, and each
 *       application skipped because its commit, spec and live resourceVersions did not move.
 * </ul>
 * Each fails if an application is not Synced afterwards. Logs at WARN, so the figures measure the
 * work rather than the printing of every event (the controller logs each at INFO).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FleetBenchmark {

    /** How many different folders the applications render. */
    public static final int FOLDERS = 10;
    /** Resources per application. */
    public static final int RESOURCES = 20;

    private static final Duration INTERVAL = Duration.ofMinutes(3);

    /** A fleet registered with a controller that has not started. */
    @State(Scope.Thread)
    public static class Fleet {
        @Param({"1000", "5000"})
        public int apps;

        Path temp;
        LocalRepository repo;
        ManualClock clock;
        FakeCluster cluster;
        ManualScheduler scheduler;
        ApplicationController controller;

        void create() {
            try {
                temp = Files.createTempDirectory("fleet-benchmark");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repo = FleetRepository.create(temp.resolve("repo"), FOLDERS, RESOURCES - 1,
                    (i, folder) -> FleetRepository.configMap(i, folder, "value-" + i));
            clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
            cluster = new FakeCluster(clock);
            for (int i = 0; i < apps; i++) {
                cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + i + "\n");
            }
            scheduler = new ManualScheduler(clock);
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock).build();
            controller = gitops.controller().scheduler(scheduler).refreshInterval(INTERVAL).jitter(Duration.ZERO).build();
            for (int i = 0; i < apps; i++) {
                controller.register(Application.builder("app-" + i).repoURL(repo.url())
                        .path("apps/app-" + (i % FOLDERS)).destinationNamespace("ns-" + i)
                        .automated(AutomatedSync.of(true, true)).build());
            }
        }

        void checkSynced() {
            for (ApplicationStatus status : controller.statuses().values()) {
                if (status.sync().status() != SyncStatusCode.SYNCED || status.resources().size() != RESOURCES) {
                    throw new IllegalStateException("an application is not synced: " + status.sync() + ", "
                            + status.conditions());
                }
            }
        }

        void destroy() {
            controller.close();
            repo.close();
            try (Stream<Path> paths = Files.walk(temp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A fresh fleet for every first reconcile. */
    @State(Scope.Thread)
    public static class NewFleet extends Fleet {
        @Setup(Level.Iteration)
        public void setUp() {
            create();
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            checkSynced();
            destroy();
        }
    }

    /** A fleet reconciled once. */
    @State(Scope.Thread)
    public static class SyncedFleet extends Fleet {
        @Setup(Level.Trial)
        public void setUp() {
            create();
            controller.start();
            scheduler.runUntilIdle();
            checkSynced();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checkSynced();
            destroy();
        }
    }

    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public int firstReconcile(NewFleet fleet) {
        fleet.controller.start();
        return fleet.scheduler.runUntilIdle();
    }

    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    public int noOpRound(SyncedFleet fleet) {
        fleet.clock.advance(INTERVAL.plusSeconds(1));
        return fleet.scheduler.runUntilIdle();
    }
}
