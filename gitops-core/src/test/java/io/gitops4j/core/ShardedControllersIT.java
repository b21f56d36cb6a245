package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.sharding.ApplicationShards;
import io.gitops4j.core.crd.sharding.ShardingSettings;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controller replicas, each with its own HTTP client, scheduler and Git cache, against one
 * fake API server with Argo CD's CRDs, sharing the Applications through shard Leases (client-go's
 * timings: 15 s lease, 10 s renew deadline, 2 s retry period) on one manual clock. Shard 0 holds
 * the in-cluster destination; the cluster Secret of {@code https://staging.example} fixes it to
 * shard 1, and {@code pinned} is fixed to shard 1 by its annotation.
 */
class ShardedControllersIT {

    private static final String API = "argoproj.io/v1alpha1";
    private static final String STAGING = "https://staging.example";
    private static final Duration LEASE = ShardingSettings.DEFAULT_LEASE_DURATION;

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private final List<Replica> replicas = new ArrayList<>();
    private FakeApiServer server;
    private LocalRepository repo;

    /** One controller process: its client, its counted writes, its schedulers, its events. */
    private final class Replica {
        final String id;
        final KubernetesClient client;
        final CountingCluster cluster;
        final ManualScheduler engineScheduler = new ManualScheduler(clock);
        final ManualScheduler leaseScheduler = new ManualScheduler(clock);
        final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
        final ClusterRegistry destinations = ClusterRegistry.builder().clock(clock).build();
        final ApplicationCrdController controller;
        boolean dead;

        Replica(String id) {
            this.id = id;
            client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.url()).withNamespace("default").withRequestRetryBackoffLimit(0).build())
                    .build();
            cluster = new CountingCluster(new Fabric8Cluster(client));
            destinations.register("staging", STAGING, cluster);
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work-" + id)).clock(clock)
                    .lockIdentity(id).pacer(next -> {
                        if (next.isAfter(clock.instant())) {
                            clock.set(next);
                        }
                        fake.controllers().tick();
                    }).build();
            controller = gitops.crdController()
                    .engine(engine -> engine.scheduler(engineScheduler).refreshInterval(Duration.ofMinutes(3))
                            .jitter(Duration.ZERO).clusters(destinations).listener(events::add))
                    .sharding(ShardingSettings.of(2, "gitops4j-controller-shard", id), leaseScheduler).build();
            controller.start();
        }

        void run() {
            if (!dead) {
                leaseScheduler.runUntilIdle();
                engineScheduler.runUntilIdle();
            }
        }

        /** Dies: no more renewals, no more work, no more requests (its connection is gone). */
        void kill() {
            dead = true;
            client.close();
        }

        /** How often this replica wrote the Application. */
        long writesOf(String app) {
            return cluster.writes().stream().filter(w -> w.equals("update Application argocd/" + app)).count();
        }

        long syncsOf(String app) {
            return events.stream().filter(e -> e.appName().equals(app) && e.type() == ApplicationEvent.Type.SYNC_STARTED)
                    .count();
        }

        void close() {
            controller.close();
            destinations.close();
            client.close();
        }
    }

    @BeforeEach
    void start() {
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz"));
        for (String namespace : List.of("argocd", "local", "staging", "pinned")) {
            fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n");
        }
        fake.createFromYaml("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: cluster-staging
                  namespace: argocd
                  labels:
                    argocd.argoproj.io/secret-type: cluster
                data:
                  name: %s
                  server: %s
                  shard: %s
                """.formatted(base64("staging"), base64(STAGING), base64("1")));
        server = FakeApiServer.start(fake);
        repo = LocalRepository.init(temp.resolve("repo"));
        for (String app : List.of("local", "staging", "pinned")) {
            repo.write("apps/" + app + "/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + app
                    + "-settings\ndata:\n  greeting: hello\n");
        }
        repo.commit("three apps");
        createApp("local", "server: https://kubernetes.default.svc", "");
        createApp("staging", "server: " + STAGING, "");
        createApp("pinned", "name: in-cluster", ApplicationShards.SHARD_ANNOTATION + ": \"1\"");
    }

    @AfterEach
    void stop() {
        replicas.forEach(Replica::close);
        server.close();
        repo.close();
    }

    @Test
    void theApplicationsAreSplitByDestinationClusterAndNoneIsReconciledByBoth() {
        Replica a = replica("a");
        Replica b = replica("b");

        runUntil(() -> synced("local") && synced("staging") && synced("pinned"));
        settle();

        assertThat(a.controller.heldShards()).containsExactly(0);
        assertThat(b.controller.heldShards()).containsExactly(1);
        assertThat(a.controller.statuses()).containsOnlyKeys("local");
        assertThat(b.controller.statuses()).containsOnlyKeys("staging", "pinned");
        assertThat(configMap("staging", "staging-settings")).as("deployed to its destination").isPresent();
        assertThat(configMap("pinned", "pinned-settings")).isPresent();
        for (String app : List.of("staging", "pinned")) {
            assertThat(b.writesOf(app)).as(app + " written by b").isPositive();
            assertThat(a.writesOf(app)).as(app + " written by a").isZero();
            assertThat(b.syncsOf(app)).isEqualTo(1);
            assertThat(a.syncsOf(app)).isZero();
        }
        assertThat(a.writesOf("local")).isPositive();
        assertThat(b.writesOf("local")).isZero();
        assertThat(a.syncsOf("local")).isEqualTo(1);
        assertThat(b.syncsOf("local")).isZero();
        ObjectNode lease = lease(1);
        assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo("b");
        assertThat(lease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(15);
    }

    @Test
    void aKilledReplicasApplicationsAreTakenOverWithinOneLeasePeriodAfterItsLeaseRanOut() {
        Replica a = replica("a");
        Replica b = replica("b");
        runUntil(() -> synced("local") && synced("staging") && synced("pinned"));
        settle();
        long bWritesOfStaging = b.writesOf("staging");

        b.kill();
        Instant expiry = Instant.parse(lease(1).at("/spec/renewTime").asText()).plus(LEASE);
        while (clock.instant().isBefore(expiry)) {
            assertThat(a.controller.heldShards()).as("not taken before " + expiry).containsExactly(0);
            step(a);
        }
        Instant tookOver = null;
        while (tookOver == null && clock.instant().isBefore(expiry.plus(LEASE))) {
            step(a);
            tookOver = a.controller.heldShards().contains(1) ? clock.instant() : null;
        }

        assertThat(tookOver).as("taken over within a lease period after the lease ran out").isNotNull();
        assertThat(a.controller.statuses()).containsOnlyKeys("local", "staging", "pinned");
        assertThat(lease(1).at("/spec/holderIdentity").asText()).isEqualTo("a");
        assertThat(lease(1).at("/spec/leaseTransitions").asInt()).isEqualTo(1);
        refresh("staging");
        runUntil(() -> !app("staging").orElseThrow().at("/metadata/annotations").has("argocd.argoproj.io/refresh"));
        assertThat(a.writesOf("staging")).as("a reconciles staging now").isPositive();
        assertThat(b.writesOf("staging")).as("nothing from the dead replica").isEqualTo(bWritesOfStaging);
        assertThat(a.syncsOf("staging")).as("the synced app is not synced again").isZero();
    }

    @Test
    void aCleanCloseHandsItsShardsOverAtOnce() {
        Replica a = replica("a");
        Replica b = replica("b");
        runUntil(() -> synced("local") && synced("staging") && synced("pinned"));
        settle();
        Instant closedAt = clock.instant();
        b.close();
        replicas.remove(b);

        assertThat(lease(1).at("/spec/holderIdentity").asText()).as("released").isEmpty();
        while (!a.controller.heldShards().contains(1)) {
            assertThat(clock.instant()).as("taken within two retry periods, not a lease duration")
                    .isBefore(closedAt.plus(ShardingSettings.DEFAULT_RETRY_PERIOD.multipliedBy(2)));
            step(a);
        }
        assertThat(a.controller.statuses()).containsOnlyKeys("local", "staging", "pinned");
        long bWrites = b.writesOf("pinned");
        refresh("pinned");
        runUntil(() -> !app("pinned").orElseThrow().at("/metadata/annotations").has("argocd.argoproj.io/refresh"));
        assertThat(a.writesOf("pinned")).isPositive();
        assertThat(b.writesOf("pinned")).isEqualTo(bWrites);
    }

    @Test
    void anApplicationMovedToAnotherShardByItsAnnotationIsReleasedByOneReplicaAndTakenByTheOther() {
        Replica a = replica("a");
        Replica b = replica("b");
        runUntil(() -> synced("local") && synced("staging") && synced("pinned"));
        settle();

        ObjectNode pinned = app("pinned").orElseThrow();
        pinned.with("metadata").with("annotations").put(ApplicationShards.SHARD_ANNOTATION, "0");
        fake.update(pinned);
        runUntil(() -> a.controller.statuses().containsKey("pinned") && !b.controller.statuses().containsKey("pinned"));
        long bWrites = b.writesOf("pinned");
        refresh("pinned");
        runUntil(() -> !app("pinned").orElseThrow().at("/metadata/annotations").has("argocd.argoproj.io/refresh"));
        settle();

        assertThat(a.writesOf("pinned")).isPositive();
        assertThat(b.writesOf("pinned")).isEqualTo(bWrites);
        assertThat(a.controller.heldShards()).containsExactly(0);
        assertThat(b.controller.heldShards()).containsExactly(1);
    }

    private Replica replica(String id) {
        Replica replica = new Replica(id);
        replicas.add(replica);
        return replica;
    }

    private void createApp(String name, String destination, String annotation) {
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                  annotations: {%s}
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: apps/%s
                    targetRevision: HEAD
                  destination:
                    %s
                    namespace: %s
                  syncPolicy:
                    automated:
                      prune: true
                      selfHeal: true
                """.formatted(name, annotation, repo.url(), name,
                destination, name));
    }

    private void refresh(String name) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = app(name).orElseThrow();
            app.with("metadata").with("annotations").put("argocd.argoproj.io/refresh", "hard");
            try {
                fake.update(app);
                return;
            } catch (io.gitops4j.cluster.ClusterException e) {
                if (e.code() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private boolean synced(String name) {
        return app(name).map(a -> a.at("/status/sync/status").asText().equals("Synced")
                && a.at("/status/health/status").asText().equals("Healthy")).orElse(false);
    }

    private Optional<ObjectNode> app(String name) {
        return fake.get(API, "Application", "argocd", name).map(o -> (ObjectNode) o);
    }

    private Optional<ObjectNode> configMap(String namespace, String name) {
        return fake.get("v1", "ConfigMap", namespace, name).map(o -> (ObjectNode) o);
    }

    private ObjectNode lease(int shard) {
        return (ObjectNode) fake.get("coordination.k8s.io/v1", "Lease", "argocd", "gitops4j-controller-shard-" + shard)
                .orElseThrow();
    }

    /** One second on the clock, then the live replicas' due work. */
    private void step(Replica... running) {
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            for (Replica replica : running) {
                replica.run();
            }
            pause();
        }
    }

    private void settle() {
        for (int i = 0; i < 20; i++) {
            replicas.forEach(Replica::run);
            fake.controllers().tick();
            pause();
        }
    }

    /** Runs the replicas' due work until {@code done}; watch events arrive on HTTP threads, so it waits up to 30 s for them. */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> replicas.forEach(Replica::run), done, () -> fake.controllers().tick(),
                () -> "not there within 30 s: " + fake.objects().stream()
                        .filter(o -> o.path("kind").asText().equals("Application"))
                        .map(o -> o.at("/metadata/name").asText() + ": " + o.path("status")).toList()
                        + "; shards held: " + replicas.stream().map(r -> r.id + "=" + r.controller.heldShards()).toList());
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
