package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.GitRepositoryFiles;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.sharding.LeaderElection;
import io.gitops4j.core.crd.sharding.ShardingSettings;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ApplicationSets with replicas: two controllers sharing the Applications through shard Leases
 * (client-go's timings on one manual clock), each with its own HTTP client to one fake API server
 * with Argo CD's CRDs, and both asked to reconcile ApplicationSets. Only the holder of Argo CD's
 * applicationset-controller leader Lease generates sets and writes their Applications and status;
 * a killed leader's Lease is taken over once it expired, a closed one's at once.
 */
class ApplicationSetLeaderIT {

    private static final String API = "argoproj.io/v1alpha1";
    private static final Duration LEASE = ShardingSettings.DEFAULT_LEASE_DURATION;

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private final List<Replica> replicas = new ArrayList<>();
    private FakeApiServer server;
    private LocalRepository repo;

    /** One controller process: its client, its counted writes, its schedulers. */
    private final class Replica {
        final String id;
        final KubernetesClient client;
        final CountingCluster cluster;
        final ManualScheduler engineScheduler = new ManualScheduler(clock);
        final ManualScheduler leaseScheduler = new ManualScheduler(clock);
        final ManualScheduler setScheduler = new ManualScheduler(clock);
        final ApplicationCrdController controller;
        boolean dead;

        Replica(String id) {
            this.id = id;
            client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(server.url()).withNamespace("default").withRequestRetryBackoffLimit(0).build())
                    .build();
            cluster = new CountingCluster(new Fabric8Cluster(client));
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work-" + id)).clock(clock)
                    .lockIdentity(id).pacer(next -> {
                        if (next.isAfter(clock.instant())) {
                            clock.set(next);
                        }
                        fake.controllers().tick();
                    }).build();
            GitSource git = GitSource.builder(temp.resolve("appset-git-" + id)).clock(clock).build();
            controller = gitops.crdController()
                    .engine(engine -> engine.scheduler(engineScheduler).jitter(Duration.ZERO))
                    .applicationSets(ApplicationSetGenerator.builder().repositories(new GitRepositoryFiles(git)).build())
                    .applicationSetScheduler(setScheduler)
                    .sharding(ShardingSettings.of(2, "gitops4j-controller-shard", id), leaseScheduler).build();
            controller.start();
        }

        void run() {
            if (!dead) {
                leaseScheduler.runUntilIdle();
                setScheduler.runUntilIdle();
                engineScheduler.runUntilIdle();
            }
        }

        /** Dies: no more renewals, no more work, no more requests (its connection is gone). */
        void kill() {
            dead = true;
            client.close();
        }

        /** What this replica wrote of the sets: their Applications' creations and deletions, their status. */
        List<String> setWrites() {
            return cluster.writes().stream().filter(w -> w.startsWith("create Application ")
                    || w.startsWith("delete Application ") || w.startsWith("updateStatus ApplicationSet ")).toList();
        }

        void close() {
            controller.close();
            client.close();
        }
    }

    @BeforeEach
    void start() {
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz",
                "applicationset-crd.yaml.gz"));
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        repo = LocalRepository.init(temp.resolve("repo"));
        for (String env : List.of("dev", "staging", "prod")) {
            repo.write("envs/" + env + "/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                    + "data:\n  env: " + env + "\n");
        }
        repo.commit("three environments");
        fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: envs
                  namespace: argocd
                spec:
                  generators:
                  - list:
                      elements:
                      - env: dev
                      - env: prod
                  template:
                    metadata:
                      name: '{{env}}'
                    spec:
                      project: default
                      source: {repoURL: %s, targetRevision: HEAD, path: 'envs/{{env}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: '{{env}}'}
                      syncPolicy:
                        automated: {prune: true}
                        syncOptions: [CreateNamespace=true]
                """.formatted(repo.url()));
    }

    @AfterEach
    void stop() {
        replicas.forEach(Replica::close);
        server.close();
        repo.close();
    }

    @Test
    void onlyTheHolderOfTheLeaderLeaseWritesTheGeneratedApplications() {
        Replica a = replica("a");
        Replica b = replica("b");
        runUntil(() -> applications().equals(List.of("dev", "prod")) && resourcesCount() == 2);
        settle();
        Replica leader = a.controller.applicationSetLeader() ? a : b;
        Replica standby = leader == a ? b : a;

        addElement("staging");
        runUntil(() -> applications().equals(List.of("dev", "prod", "staging")) && resourcesCount() == 3);
        settle();

        assertThat(leader.controller.applicationSetLeader()).isTrue();
        assertThat(standby.controller.applicationSetLeader()).isFalse();
        assertThat(leaseHolder()).isEqualTo(leader.id);
        assertThat(leader.setWrites()).contains("create Application argocd/dev", "create Application argocd/prod",
                "create Application argocd/staging", "updateStatus ApplicationSet argocd/envs");
        assertThat(standby.setWrites()).as("the standby writes nothing of the sets").isEmpty();
        assertThat(lease().at("/spec/leaseDurationSeconds").asInt()).isEqualTo(15);
    }

    @Test
    void aKilledLeadersLeaseIsTakenOverAfterItExpiredAndTheNewLeaderGeneratesTheSets() {
        Replica a = replica("a");
        Replica b = replica("b");
        runUntil(() -> applications().equals(List.of("dev", "prod")) && resourcesCount() == 2);
        settle();
        Replica leader = a.controller.applicationSetLeader() ? a : b;
        Replica survivor = leader == a ? b : a;
        int leaderWrites = leader.setWrites().size();

        leader.kill();
        Instant expiry = Instant.parse(lease().at("/spec/renewTime").asText()).plus(LEASE);
        while (clock.instant().isBefore(expiry)) {
            assertThat(survivor.controller.applicationSetLeader()).as("not taken before " + expiry).isFalse();
            step(survivor);
        }
        while (!survivor.controller.applicationSetLeader()) {
            assertThat(clock.instant()).as("taken within a lease period after it ran out").isBefore(expiry.plus(LEASE));
            step(survivor);
        }
        assertThat(leaseHolder()).isEqualTo(survivor.id);
        assertThat(lease().at("/spec/leaseTransitions").asInt()).isEqualTo(1);

        addElement("staging");
        runUntil(() -> applications().equals(List.of("dev", "prod", "staging")) && resourcesCount() == 3);

        assertThat(survivor.setWrites()).contains("create Application argocd/staging");
        assertThat(survivor.setWrites()).as("the set's own Applications are not written again")
                .doesNotContain("create Application argocd/dev");
        assertThat(leader.setWrites()).as("nothing from the dead leader").hasSize(leaderWrites);
    }

    @Test
    void aClosedLeaderReleasesTheLeaseAndTheOtherReplicaTakesItAtItsNextCheck() {
        Replica a = replica("a");
        Replica b = replica("b");
        runUntil(() -> applications().equals(List.of("dev", "prod")) && resourcesCount() == 2);
        settle();
        Replica leader = a.controller.applicationSetLeader() ? a : b;
        Replica other = leader == a ? b : a;
        Instant closedAt = clock.instant();

        leader.close();
        replicas.remove(leader);

        assertThat(leaseHolder()).as("released").isEmpty();
        while (!other.controller.applicationSetLeader()) {
            assertThat(clock.instant()).as("taken within two retry periods, not a lease duration")
                    .isBefore(closedAt.plus(ShardingSettings.DEFAULT_RETRY_PERIOD.multipliedBy(2)));
            step(other);
        }
        addElement("staging");
        runUntil(() -> applications().equals(List.of("dev", "prod", "staging")) && resourcesCount() == 3);
        assertThat(other.setWrites()).contains("create Application argocd/staging");
    }

    private Replica replica(String id) {
        Replica replica = new Replica(id);
        replicas.add(replica);
        return replica;
    }

    private void addElement(String env) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode set = (ObjectNode) fake.get(API, "ApplicationSet", "argocd", "envs").orElseThrow();
            ((com.fasterxml.jackson.databind.node.ArrayNode) set.at("/spec/generators/0/list/elements")).addObject()
                    .put("env", env);
            try {
                fake.update(set);
                return;
            } catch (io.gitops4j.cluster.ClusterException e) {
                if (e.code() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    private List<String> applications() {
        return fake.objects().stream().filter(o -> o.path("kind").asText().equals("Application"))
                .map(o -> o.at("/metadata/name").asText()).sorted().toList();
    }

    private int resourcesCount() {
        return fake.get(API, "ApplicationSet", "argocd", "envs").map(s -> s.at("/status/resourcesCount").asInt(-1))
                .orElse(-1);
    }

    private JsonNode lease() {
        return fake.get("coordination.k8s.io/v1", "Lease", "argocd", LeaderElection.APPLICATION_SET_LEASE)
                .orElseThrow(() -> new AssertionError("no lease " + LeaderElection.APPLICATION_SET_LEASE));
    }

    private String leaseHolder() {
        return lease().at("/spec/holderIdentity").asText();
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

    /** Runs the replicas' due work until {@code done}; watch events arrive on HTTP threads, so it waits up to 30 s. */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> replicas.forEach(Replica::run), done, () -> fake.controllers().tick(),
                () -> "not there within 30 s: applications " + applications() + ", set status "
                        + fake.get(API, "ApplicationSet", "argocd", "envs").map(s -> s.path("status")).orElse(null));
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
