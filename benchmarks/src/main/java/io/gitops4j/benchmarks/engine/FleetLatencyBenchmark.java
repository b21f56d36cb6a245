package io.gitops4j.benchmarks.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
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
 * How soon a running controller answers a commit and a drift while a fleet is registered (issue
 * 14's targets: under 2 s at p99 with 1,000 applications). The fleet is {@link FleetBenchmark}'s
 * (20 resources per application, one Git repository of {@value FleetBenchmark#FOLDERS} folders,
 * automated sync with prune and self-heal) on the in-process fake cluster, but the controller runs
 * as in production: its default thread pool (20 comparison and 10 operation workers) on the system
 * clock, so both cores are used. Each iteration is one sample (single-shot mode, a fixed
 * number of samples; JMH's summary and {@code -rf json} give the percentiles):
 * <ul>
 *   <li>{@code commitToSynced}: a commit changes one ConfigMap of one folder (a tenth of the
 *       applications render it), then {@code refresh(repoURL, "master")} as a webhook would; the
 *       sample ends when every application of that folder has synced the new commit. The
 *       refresh marks every application of the repository, so all are compared again.
 *   <li>{@code driftToHealed}: one ConfigMap of one application (a different one each time, so
 *       self-heal never backs off: fewer samples than applications) is changed in the cluster;
 *       the sample ends when self-heal's sync of it has succeeded. Only the watch event drives it.
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FleetLatencyBenchmark {

    private static final long WAIT_MINUTES = 5;

    /** A fleet synced by a controller running on its own threads. */
    @State(Scope.Benchmark)
    public static class RunningFleet {
        @Param({"1000"})
        public int apps;

        Path temp;
        LocalRepository repo;
        FakeCluster cluster;
        ApplicationController controller;
        final AtomicReference<Waiter> waiter = new AtomicReference<>();
        int commits;
        int drifts;

        /** Counts down once for each application event the current sample waits for. */
        record Waiter(Predicate<ApplicationEvent> matches, CountDownLatch latch) {
        }

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            try {
                temp = Files.createTempDirectory("fleet-latency");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repo = FleetRepository.create(temp.resolve("repo"), FleetBenchmark.FOLDERS, FleetBenchmark.RESOURCES - 1,
                    (i, folder) -> FleetRepository.configMap(i, folder, "value-" + i));
            Clock clock = Clock.systemUTC();
            cluster = new FakeCluster(clock);
            for (int i = 0; i < apps; i++) {
                cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + i + "\n");
            }
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock).build();
            controller = gitops.controller().refreshInterval(Duration.ofHours(12)).jitter(Duration.ZERO)
                    .listener(event -> {
                        Waiter current = waiter.get();
                        if (current != null && current.matches().test(event)) {
                            current.latch().countDown();
                        }
                    }).build();
            for (int i = 0; i < apps; i++) {
                controller.register(Application.builder("app-" + i).repoURL(repo.url())
                        .path("apps/app-" + (i % FleetBenchmark.FOLDERS)).destinationNamespace("ns-" + i)
                        .automated(AutomatedSync.of(true, true)).build());
            }
            await(e -> e.type() == ApplicationEvent.Type.SYNC_SUCCEEDED, apps, controller::start);
        }

        /** Runs {@code action} and waits until {@code count} events match. */
        void await(Predicate<ApplicationEvent> matches, int count, Runnable action) throws InterruptedException {
            CountDownLatch latch = new CountDownLatch(count);
            waiter.set(new Waiter(matches, latch));
            action.run();
            if (!latch.await(WAIT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(latch.getCount() + " of " + count + " events did not come within "
                        + WAIT_MINUTES + " minutes");
            }
            waiter.set(null);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            controller.close();
            repo.close();
            try (Stream<Path> paths = Files.walk(temp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 30)
    public void commitToSynced(RunningFleet fleet) throws InterruptedException {
        int n = ++fleet.commits;
        int folder = n % FleetBenchmark.FOLDERS;
        String sha = fleet.repo.write("apps/app-" + folder + "/config-1.yaml",
                FleetRepository.configMap(1, folder, "commit-" + n))
                .commit("change folder " + folder);
        int affected = (int) Stream.iterate(0, i -> i + 1).limit(fleet.apps)
                .filter(i -> i % FleetBenchmark.FOLDERS == folder).count();
        fleet.await(e -> e.type() == ApplicationEvent.Type.SYNC_SUCCEEDED && e.revision().equals(sha), affected,
                () -> fleet.controller.refresh(fleet.repo.url(), "master"));
    }

    @Benchmark
    @Warmup(iterations = 100)
    @Measurement(iterations = 800)
    public void driftToHealed(RunningFleet fleet) throws InterruptedException {
        int app = fleet.drifts++ % fleet.apps;
        ObjectNode drifted = fleet.cluster.get("v1", "ConfigMap", "ns-" + app, "config-2").orElseThrow();
        ((ObjectNode) drifted.get("data")).put("setting", "drift-" + fleet.drifts);
        fleet.await(e -> e.type() == ApplicationEvent.Type.SYNC_SUCCEEDED && e.appName().equals("app-" + app), 1,
                () -> fleet.cluster.update(drifted));
    }
}
