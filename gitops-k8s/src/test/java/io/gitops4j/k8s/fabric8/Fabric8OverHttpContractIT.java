package io.gitops4j.k8s.fabric8;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.fake.contract.CrudContract;
import io.gitops4j.fake.contract.DeletionContract;
import io.gitops4j.fake.contract.FaultContract;
import io.gitops4j.fake.contract.PatchAndDryRunContract;
import io.gitops4j.fake.contract.ServerSideApplyContract;
import io.gitops4j.fake.contract.WatchContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The API-semantics contracts against the HTTP form of the fake cluster, through a real fabric8
 * client ({@link Fabric8OverHttp}): every verb crosses the wire. The client does not retry, so
 * injected failures reach the caller.
 */
class Fabric8OverHttpContractIT implements CrudContract, PatchAndDryRunContract, WatchContract, DeletionContract,
        FaultContract, ServerSideApplyContract {

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).watchHistory(50).build();
    private Fabric8OverHttp http;

    @BeforeEach
    void connect() {
        http = Fabric8OverHttp.serve(fake);
    }

    @AfterEach
    void disconnect() {
        http.close();
    }

    @Override
    public Cluster cluster() {
        return http.cluster();
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
