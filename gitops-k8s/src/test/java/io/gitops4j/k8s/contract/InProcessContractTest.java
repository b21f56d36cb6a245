package io.gitops4j.k8s.contract;

import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.fake.FakeCluster;
import io.gitops4j.k8s.fake.ManualClock;

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
