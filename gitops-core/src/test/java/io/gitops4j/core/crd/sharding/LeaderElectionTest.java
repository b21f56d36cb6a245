package io.gitops4j.core.crd.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The leader Lease of replicas on one fake cluster, each with its own scheduler on one manual
 * clock (client-go's timings); a replica that is not run is a replica that died.
 */
class LeaderElectionTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeCluster fake = new FakeCluster(clock);
    private final List<String> events = new CopyOnWriteArrayList<>();

    {
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
    }

    private final class Replica {
        final ManualScheduler scheduler = new ManualScheduler(clock);
        final LeaderElection election;

        Replica(String id) {
            election = new LeaderElection(fake, "argocd", LeaderElection.APPLICATION_SET_LEASE,
                    ShardingSettings.of(1, ShardingSettings.DEFAULT_LEASE_NAME, id), clock, scheduler,
                    new LeaderElection.Listener() {
                        @Override
                        public void elected() {
                            events.add(id + " elected");
                        }

                        @Override
                        public void lost() {
                            events.add(id + " lost");
                        }
                    });
            election.start();
        }

        void run() {
            scheduler.runUntilIdle();
        }
    }

    @Test
    void oneReplicaIsLeaderAndAnotherTakesOverOnlyOnceItsLeaseExpired() {
        Replica a = new Replica("a");
        Replica b = new Replica("b");
        a.run();
        b.run();
        assertThat(events).containsExactly("a elected");
        assertThat(a.election.isLeader()).isTrue();
        assertThat(b.election.isLeader()).isFalse();
        assertThat(a.election.lease()).isEqualTo("argocd/58ac56fa.applicationsets.argoproj.io");

        for (int second = 1; second < 15; second++) {   // a died: never run again
            clock.advance(Duration.ofSeconds(1));
            b.run();
            assertThat(b.election.isLeader()).as("not before the 15 s lease ran out (second " + second + ")").isFalse();
        }
        clock.advance(Duration.ofSeconds(2));
        b.run();

        assertThat(b.election.isLeader()).isTrue();
        assertThat(events).containsExactly("a elected", "b elected");
        assertThat(fake.get("coordination.k8s.io/v1", "Lease", "argocd", LeaderElection.APPLICATION_SET_LEASE)
                .orElseThrow().at("/spec/holderIdentity").asText()).isEqualTo("b");
    }

    @Test
    void aLeaseNameThatIsNotADnsSubdomainIsRefusedNamingIt() {
        assertThatThrownBy(() -> new LeaderElection(fake, "argocd", "Sets_Leader", ShardingSettings.of(1, "x", "a"),
                clock, new ManualScheduler(clock), new LeaderElection.Listener() {
                    @Override
                    public void elected() {
                    }

                    @Override
                    public void lost() {
                    }
                })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Sets_Leader'");
    }
}
