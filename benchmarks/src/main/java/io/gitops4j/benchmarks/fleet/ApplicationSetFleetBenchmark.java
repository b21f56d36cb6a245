package io.gitops4j.benchmarks.fleet;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.ApplicationSets;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.fleet.ApplicationSetReconciler;
import io.gitops4j.core.fleet.ApplicationSetStatus;
import io.gitops4j.core.fleet.Fleet;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 16's benchmark, whole: an ApplicationSet whose matrix of 100 services x 10 environments
 * generates 1,000 Applications, reconciled by a {@link Fleet}'s {@link ApplicationSetReconciler}
 * into an application controller (over the in-process fake cluster, not started, so the figures
 * are generation and registration, not syncs).
 * <ul>
 *   <li>{@code generateAndRegister}: a fresh fleet registers the set: generate, then register
 *       1,000 applications with the controller (fails unless 1,000 were created);
 *   <li>{@code regenerateUnchanged}: the set generated again with nothing changed: generate,
 *       compare each Application with what was registered, write nothing (fails if anything was
 *       written; the {@code writes} counter reports it, 0).
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ApplicationSetFleetBenchmark {

    /** How many applications the set generates. */
    public static final int APPLICATIONS = 1000;

    /** A fleet and the set; the controller is not started. */
    @State(Scope.Thread)
    public static class World {
        Path temp;
        Fleet fleet;
        ApplicationSetReconciler sets;
        ApplicationSet set;

        void create() {
            try {
                temp = Files.createTempDirectory("appset-fleet-benchmark");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ManualClock clock = new ManualClock(Instant.parse("2026-12-04T00:00:00Z"));
            FakeCluster cluster = new FakeCluster(clock);
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock).build();
            fleet = Fleet.builder(gitops.controller()).clock(clock).scheduler(new ManualScheduler(clock)).build();
            sets = fleet.applicationSets(ApplicationSetGenerator.builder().build());
            set = ApplicationSets.readOne(yaml(), "fleet.yaml");
        }

        void destroy() {
            fleet.close();
            try (Stream<Path> paths = Files.walk(temp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A fresh fleet for every registration. */
    @State(Scope.Thread)
    public static class Empty extends World {
        @Setup(Level.Iteration)
        public void setUp() {
            create();
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            destroy();
        }
    }

    /** A fleet with the set registered once. */
    @State(Scope.Thread)
    public static class Registered extends World {
        @Setup(Level.Trial)
        public void setUp() {
            create();
            sets.register(set);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            destroy();
        }
    }

    /** What a regeneration wrote, reported beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Writes {
        public long writes;
        public long unchanged;
    }

    @Benchmark
    public ApplicationSetStatus generateAndRegister(Empty world) {
        ApplicationSetStatus status = world.sets.register(world.set);
        if (status.lastChanges().created().size() != APPLICATIONS) {
            throw new IllegalStateException("expected 1,000 applications created: " + status.conditions());
        }
        return status;
    }

    @Benchmark
    public ApplicationSetStatus regenerateUnchanged(Registered world, Writes counters) {
        ApplicationSetStatus status = world.sets.reconcile(world.set.qualifiedName());
        counters.writes += status.lastChanges().writes();
        counters.unchanged += status.lastChanges().unchanged().size();
        if (status.lastChanges().writes() != 0 || status.lastChanges().unchanged().size() != APPLICATIONS) {
            throw new IllegalStateException("a regeneration with nothing changed wrote " + status.lastChanges());
        }
        return status;
    }

    static String yaml() {
        String services = IntStream.range(0, 100).mapToObj(i -> "{service: service-" + i + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        String environments = IntStream.range(0, 10).mapToObj(i -> "{env: env-" + i + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: fleet
                  namespace: argocd
                spec:
                  generators:
                  - matrix:
                      generators:
                      - list: {elements: %s}
                      - list: {elements: %s}
                  template:
                    metadata:
                      name: '{{service}}-{{env}}'
                      labels: {env: '{{env}}', service: '{{service}}'}
                    spec:
                      project: default
                      source:
                        repoURL: https://git.example.com/platform.git
                        targetRevision: HEAD
                        path: 'services/{{service}}/overlays/{{env}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{service}}-{{env}}'
                      syncPolicy:
                        automated: {prune: true, selfHeal: true}
                        syncOptions: [CreateNamespace=true]
                """.formatted(services, environments);
    }
}
