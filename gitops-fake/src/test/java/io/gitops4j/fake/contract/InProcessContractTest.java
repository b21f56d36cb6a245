package io.gitops4j.fake.contract;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;

/** The API-semantics contracts against the in-process form of the fake cluster. */
class InProcessContractTest implements CrudContract, PatchAndDryRunContract, WatchContract, DeletionContract,
        FaultContract, ServerSideApplyContract {

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).watchHistory(50).build();

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
