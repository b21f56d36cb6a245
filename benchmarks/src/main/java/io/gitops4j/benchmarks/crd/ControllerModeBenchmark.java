package io.gitops4j.benchmarks.crd;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.benchmarks.engine.FleetRepository;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.RequestCounts;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
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
 * Controller mode at scale (issue 15's benchmark): {@value #APPS_DEFAULT} Argo CD Application
 * objects on the HTTP fake API server, with Argo CD's own CustomResourceDefinitions (from
 * {@code ../shared/data/argocd-crds}, GitOps4J's minimal ones where absent), reconciled by
 * {@link ApplicationCrdController} through fabric8, as {@code gitops controller} runs: the default
 * 20 comparison and 10 operation workers, the system clock. Each application renders one of
 * {@value #FOLDERS} folders of one local Git repository (two ConfigMaps and a Service) into its
 * own namespace, with automated sync.
 * <ul>
 *   <li>{@code startToAllSynced}: from {@code start()} until every Application object's
 *       {@code status.sync.status} reads Synced (the status written on all of them).
 *   <li>{@code noOpRound}: one refresh round with nothing changed, until the workers are idle.
 *       The requests the fake answered during the round are printed by verb and kind
 *       ({@code requests per no-op round: ...}); the target is no write at all.
 * </ul>
 * Rounds are fired by the benchmark (the refresh interval is an hour), so a round is measured
 * alone.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ControllerModeBenchmark {

    static final int APPS_DEFAULT = 1000;
    static final int FOLDERS = 10;
    private static final String API = "argoproj.io/v1alpha1";
    private static final Duration WAIT = Duration.ofMinutes(10);

    /** A fake cluster over HTTP holding the Applications, and a controller over it, not started. */
    public static class ControllerOnFake {
        Path temp;
        LocalRepository repo;
        FakeCluster fake;
        FakeApiServer server;
        KubernetesClient client;
        RoundScheduler scheduler;
        ApplicationCrdController controller;
        ResourceType applications;
        long ownLists;

        void create(int apps) {
            try {
                temp = Files.createTempDirectory("controller-mode");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repo = FleetRepository.create(temp.resolve("repo"), FOLDERS, 2, (i, folder) -> """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: config-%d
                    data:
                      folder: "%d"
                    """.formatted(i, folder));
            Clock clock = Clock.systemUTC();
            fake = new FakeCluster(clock);
            fake.createFromYaml(argoCdCrd("application-crd.yaml.gz") + "\n---\n" + argoCdCrd("appproject-crd.yaml.gz"));
            fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
            for (int i = 0; i < apps; i++) {
                fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + i + "\n");
                fake.createFromYaml("""
                        apiVersion: argoproj.io/v1alpha1
                        kind: Application
                        metadata:
                          name: app-%d
                          namespace: argocd
                        spec:
                          project: default
                          source:
                            repoURL: %s
                            path: apps/app-%d
                            targetRevision: HEAD
                          destination:
                            server: https://kubernetes.default.svc
                            namespace: ns-%d
                          syncPolicy:
                            automated:
                              prune: true
                              selfHeal: true
                        """.formatted(i, repo.url(), i % FOLDERS, i));
            }
            applications = fake.resourceType(API, "Application").orElseThrow();
            server = FakeApiServer.start(fake);
            client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.url()).withNamespace("default").build()).build();
            GitOps gitops = GitOps.builder().cluster(new Fabric8Cluster(client)).workDir(temp.resolve("work"))
                    .clock(clock).build();
            scheduler = new RoundScheduler(30, clock);
            controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler)
                    .refreshInterval(RoundScheduler.HELD_AFTER.multipliedBy(60)).jitter(Duration.ZERO)).build();
        }

        /** Starts the controller and waits until every Application's status says Synced. */
        void startAndAwaitSynced(int apps) throws InterruptedException {
            controller.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (synced() < apps) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(synced() + " of " + apps + " applications synced within " + WAIT);
                }
                Thread.sleep(50);
            }
        }

        private long synced() {
            ownLists++;
            return fake.list(applications, ListOptions.inNamespace("argocd")).stream()
                    .filter(app -> app.at("/status/sync/status").asText().equals("Synced")).count();
        }

        void close() {
            controller.close();
            client.close();
            server.close();
            repo.close();
            try (Stream<Path> paths = Files.walk(temp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A fresh cluster of Applications for each sample of {@code startToAllSynced}. */
    @State(Scope.Thread)
    public static class NotStarted extends ControllerOnFake {
        @Param({"1000"})
        public int apps;

        @Setup(Level.Iteration)
        public void setUp() {
            create(apps);
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            RequestCounts.Snapshot start = fake.requests().snapshot();
            System.out.println("requests from start to all synced (" + ownLists + " LISTs of the benchmark's own"
                    + " included): " + start.byVerb() + " " + start.byVerbAndKind());
            close();
        }
    }

    /** A controller that has synced every application, for the no-op rounds. */
    @State(Scope.Thread)
    public static class Synced extends ControllerOnFake {
        @Param({"1000"})
        public int apps;
        RequestCounts.Snapshot before;
        long tasksBefore;
        long firedAt;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            create(apps);
            startAndAwaitSynced(apps);
            scheduler.awaitIdle();
        }

        @Setup(Level.Iteration)
        public void snapshot() {
            before = fake.requests().snapshot();
            tasksBefore = scheduler.tasksRun();
        }

        @TearDown(Level.Iteration)
        public void report() {
            RequestCounts.Snapshot round = fake.requests().snapshot().minus(before);
            System.out.println("requests per no-op round: writes " + round.writes() + ", reads " + round.reads()
                    + " " + round.byVerb() + " " + round.byVerbAndKind() + "; " + (scheduler.tasksRun() - tasksBefore)
                    + " tasks, the last done " + (scheduler.lastFinished() - firedAt) / 1_000_000 + " ms after the round"
                    + " started");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 3)
    public void startToAllSynced(NotStarted cluster) throws InterruptedException {
        cluster.startAndAwaitSynced(cluster.apps);
    }

    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public void noOpRound(Synced cluster) throws InterruptedException {
        cluster.firedAt = System.nanoTime();
        cluster.scheduler.fireHeldTimers();
        cluster.scheduler.awaitIdle();
    }

    static String argoCdCrd(String file) {
        for (Path dir : new Path[] {Path.of("../shared/data/argocd-crds"), Path.of("/work/shared/data/argocd-crds")}) {
            Path crd = dir.resolve(file);
            if (Files.exists(crd)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(crd))) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        String kind = file.startsWith("appproject") ? "appprojects" : "applications";
        return Stream.of(io.gitops4j.core.crd.CustomResourceDefinitions.yaml().split("\n---\n"))
                .filter(doc -> doc.contains("name: " + kind + ".argoproj.io")).findFirst().orElseThrow();
    }
}
