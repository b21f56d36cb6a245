package io.gitops4j.k8s.sync.scenarios;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;

/** The sync scenarios against the in-process fake cluster. */
class InProcessSyncScenariosTest implements WaveAndHookScenarios, PruneAndNamespaceScenarios, FailureScenarios,
        ApplyScenarios {

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).build();

    @Override
    public Cluster cluster() {
        return fake;
    }

    @Override
    public FakeCluster fake() {
        return fake;
    }

    @Override
    public ManualClock clock() {
        return clock;
    }
}
