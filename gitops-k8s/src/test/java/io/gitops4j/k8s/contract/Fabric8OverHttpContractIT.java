package io.gitops4j.k8s.contract;

import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.fake.Fabric8OverHttp;
import io.gitops4j.k8s.fake.FakeCluster;
import io.gitops4j.k8s.fake.ManualClock;
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
