package io.gitops4j.k8s.sync.scenarios;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8OverHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The sync scenarios against the HTTP fake cluster through a real fabric8 client: every request
 * crosses the wire. The client's own retries are off, so the engine's retry policy is what is
 * tested.
 */
class HttpSyncScenariosIT implements WaveAndHookScenarios, PruneAndNamespaceScenarios, FailureScenarios,
        ApplyScenarios {

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).build();
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
