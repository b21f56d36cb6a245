package io.gitops4j.core.crd.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.fake.Verb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Shard Leases of replicas on one fake cluster, each replica with its own scheduler on one manual
 * clock: a replica that is not run is a replica that died. Timings are client-go's defaults
 * (15 s lease, 10 s renew deadline, 2 s retry period).
 */
class ShardLeasesTest {

    private static final Instant START = Instant.parse("2026-11-22T12:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = new FakeCluster(clock);
    private final List<String> events = new CopyOnWriteArrayList<>();

    {
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
    }

    /** One replica: its Leases, its scheduler. */
    private final class Replica {
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final ShardLeases leases;

        Replica(String id, int replicas) {
            leases = new ShardLeases(fake, "argocd", ShardingSettings.of(replicas, "shard", id), clock, scheduler,
                    new ShardLeases.Listener() {
                        @Override
                        public void acquired(int shard) {
                            events.add(at() + " " + id + " acquired " + shard);
                        }

                        @Override
                        public void lost(int shard) {
                            events.add(at() + " " + id + " lost " + shard);
                        }
                    });
            leases.start();
        }

        void run() {
            scheduler.runUntilIdle();
        }
    }

    @Test
    void replicasStartedTogetherHoldOneShardEachInLeasesAsKubernetesWritesThem() {
        Replica a = new Replica("a", 2);
        Replica b = new Replica("b", 2);
        a.run();
        b.run();

        assertThat(a.leases.held()).containsExactly(0);
        assertThat(b.leases.held()).containsExactly(1);
        JsonNode spec = lease(0).path("spec");
        assertThat(spec.path("holderIdentity").asText()).isEqualTo("a");
        assertThat(spec.path("leaseDurationSeconds").asInt()).isEqualTo(15);
        assertThat(spec.path("acquireTime").asText()).isEqualTo("2026-11-22T12:00:00.000000Z");
        assertThat(spec.path("renewTime").asText()).isEqualTo("2026-11-22T12:00:00.000000Z");
        assertThat(spec.path("leaseTransitions").asInt()).isZero();
        assertThat(lease(1).at("/spec/holderIdentity").asText()).isEqualTo("b");

        step(Duration.ofSeconds(6), a, b);
        assertThat(a.leases.held()).as("a replica takes no second shard while the other holds it").containsExactly(0);
        assertThat(lease(0).at("/spec/renewTime").asText()).as("renewed every third of the duration")
                .isEqualTo("2026-11-22T12:00:06.000000Z");
    }

    @Test
    void aSingleReplicaTakesTheSecondShardOnlyAfterALeaseDurationSoThatALateStarterGetsIt() {
        Replica a = new Replica("a", 2);
        a.run();
        assertThat(a.leases.held()).containsExactly(0);

        step(Duration.ofSeconds(14), a);
        assertThat(a.leases.held()).containsExactly(0);
        step(Duration.ofSeconds(2), a);
        assertThat(a.leases.held()).as("nobody else came within a lease duration").containsExactly(0, 1);
    }

    @Test
    void aDeadReplicasShardIsTakenOverOnlyAfterItsLeaseExpiredAndWithinTwoRetryPeriods() {
        Replica a = new Replica("a", 2);
        Replica b = new Replica("b", 2);
        a.run();
        b.run();
        step(Duration.ofSeconds(6), a, b);   // a renews at 12:00:06, then dies
        Instant expiry = START.plusSeconds(6 + 15);

        step(Duration.ofSeconds(15), b);
        assertThat(clock.instant()).isEqualTo(expiry);
        assertThat(b.leases.held()).as("not before the lease expired").containsExactly(1);
        step(Duration.ofSeconds(4), b);

        assertThat(b.leases.held()).containsExactly(0, 1);
        JsonNode spec = lease(0).path("spec");
        assertThat(spec.path("holderIdentity").asText()).isEqualTo("b");
        assertThat(spec.path("leaseTransitions").asInt()).isEqualTo(1);
        assertThat(events).contains("12:00:24 b acquired 0");
    }

    @Test
    void aReplicaThatCannotRenewStopsReconcilingBeforeItsLeaseExpires() {
        Replica a = new Replica("a", 1);
        a.run();
        fake.faults().inject(Fault.failing(503).always().on(Verb.UPDATE).forKind("coordination.k8s.io", "Lease"));

        step(Duration.ofSeconds(14), a);

        assertThat(a.leases.held()).isEmpty();
        assertThat(events).containsExactly("12:00:00 a acquired 0", "12:00:10 a lost 0");
        assertThat(lease(0).at("/spec/renewTime").asText()).isEqualTo("2026-11-22T12:00:00.000000Z");

        fake.faults().clear();
        Replica b = new Replica("b", 1);
        b.run();
        assertThat(b.leases.held()).as("a's Lease holds until 12:00:15").isEmpty();
        step(Duration.ofSeconds(2), b);
        assertThat(b.leases.held()).containsExactly(0);
    }

    @Test
    void aLeaseSomeoneElseWroteIsLostAtTheNextRenewal() {
        Replica a = new Replica("a", 1);
        a.run();
        ObjectNode stolen = lease(0).deepCopy();
        stolen.with("spec").put("holderIdentity", "intruder");
        fake.update(stolen);

        step(Duration.ofSeconds(6), a);

        assertThat(a.leases.held()).isEmpty();
        assertThat(events).containsExactly("12:00:00 a acquired 0", "12:00:06 a lost 0");
        assertThat(lease(0).at("/spec/holderIdentity").asText()).isEqualTo("intruder");
    }

    @Test
    void aReleasedLeaseIsTakenAtTheNextCheckNotAfterItsDuration() {
        Replica a = new Replica("a", 2);
        Replica b = new Replica("b", 2);
        a.run();
        b.run();
        step(Duration.ofSeconds(3), a, b);

        a.leases.releaseAll();
        JsonNode spec = lease(0).path("spec");
        assertThat(spec.path("holderIdentity").asText()).isEmpty();
        assertThat(spec.path("leaseDurationSeconds").asInt()).isEqualTo(1);
        step(Duration.ofSeconds(4), b);

        assertThat(b.leases.held()).containsExactly(0, 1);
        assertThat(events).as("2 s after the release: b holds a shard, so an idle replica had one retry period "
                + "to come first").contains("12:00:06 b acquired 0");
    }

    @Test
    void aReleaseAfterATakeoverLeavesTheNewHoldersLeaseAlone() {
        Replica a = new Replica("a", 1);
        a.run();
        step(Duration.ofSeconds(16), (Replica) null);
        Replica b = new Replica("b", 1);
        b.run();
        assertThat(b.leases.held()).containsExactly(0);

        a.leases.releaseAll();

        assertThat(lease(0).at("/spec/holderIdentity").asText()).isEqualTo("b");
    }

    /** Advances the clock a second at a time, running the given replicas' due checks each second. */
    private void step(Duration duration, Replica... replicas) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            for (Replica replica : replicas) {
                if (replica != null) {
                    replica.run();
                }
            }
        }
    }

    private ObjectNode lease(int shard) {
        return (ObjectNode) fake.get("coordination.k8s.io/v1", "Lease", "argocd", "shard-" + shard).orElseThrow();
    }

    private String at() {
        return clock.instant().toString().substring(11, 19);
    }
}
