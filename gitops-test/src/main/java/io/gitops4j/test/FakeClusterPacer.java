package io.gitops4j.test;

import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.sync.engine.StepPacer;
import java.time.Instant;
import java.util.Objects;

/**
 * How a sync waits on a fake cluster without waiting: instead of sleeping until the sync's next
 * step is due, it moves the cluster's {@link ManualClock} there and runs one pass of the cluster's
 * {@link io.gitops4j.fake.SimulatedControllers simulated controllers}, so pods start, Deployments
 * roll out and hook Jobs complete between steps. A sync with waves, hooks and health waits then
 * takes milliseconds, and its timeouts are measured on the clock it moved (a wave that never
 * becomes healthy times out after the sync's timeout on that clock, not on the wall clock).
 *
 * <p>{@code @FakeKubernetes} hands one out for the test's cluster, and wires the {@code GitOps}
 * and {@code SyncEngine} it injects to it.
 */
public final class FakeClusterPacer implements StepPacer {

    private final FakeCluster cluster;
    private final ManualClock clock;

    /**
     * @param cluster the fake cluster whose controllers run between steps
     * @param clock the cluster's clock, moved to each step's time
     */
    public FakeClusterPacer(FakeCluster cluster, ManualClock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void waitUntil(Instant next) {
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
        cluster.controllers().tick();
    }
}
