package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8OverHttp;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync Lease through a real fabric8 client over HTTP, as two {@code gitops sync} processes
 * meet: one engine talks to the fake in process, the other over the wire.
 */
class SyncLockIT {

    private static final Instant START = Instant.parse("2026-11-22T09:30:00Z");
    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: second, namespace: default, annotations: {argocd.argoproj.io/sync-wave: "1"}}
            """;

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster fake = FakeCluster.builder().clock(clock).build();
    private final Fabric8OverHttp http = Fabric8OverHttp.serve(fake);

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void aProcessOverHttpIsRefusedWhileAnotherSyncsAndSyncsOnceItReleasedTheLease() {
        SyncEngine inProcess = engine(fake, "process-a");
        SyncEngine overHttp = engine(http.cluster(), "process-b");
        SyncOperation running = inProcess.start(compare(fake), SyncRequest.defaults());
        running.step();

        assertThatThrownBy(() -> overHttp.sync(compare(http.cluster()), SyncRequest.defaults()))
                .isInstanceOf(SyncInProgressException.class)
                .hasMessageStartingWith("another sync of application shop is running since 2026-11-22T09:30:00Z "
                        + "(started by process-a)");
        clock.advance(Duration.ofSeconds(20));
        running.step();
        assertThat(running.run(this::moveClockTo).succeeded()).isTrue();

        SyncOperation second = overHttp.start(compare(http.cluster()), SyncRequest.defaults());
        ObjectNode lease = fake.get("coordination.k8s.io/v1", "Lease", "default", "gitops4j-sync-shop").orElseThrow();
        assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo("process-b");
        clock.advance(Duration.ofSeconds(20));
        second.step();
        assertThat(Instant.parse(fake.get("coordination.k8s.io/v1", "Lease", "default", "gitops4j-sync-shop").orElseThrow()
                .at("/spec/renewTime").asText())).as("renewed over HTTP").isEqualTo(clock.instant());
        assertThat(second.run(this::moveClockTo).succeeded()).isTrue();
        assertThat(fake.get("coordination.k8s.io/v1", "Lease", "default", "gitops4j-sync-shop")).isEmpty();
    }

    @Test
    void aForbiddenLeaseOverHttpIsAWarningNotAFailure() {
        fake.faults().inject(Fault.failing(403).always().forKind("coordination.k8s.io", "Lease"));

        SyncResult result = engine(http.cluster(), "process-b").sync(compare(http.cluster()), SyncRequest.defaults());

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.warnings()).singleElement().asString().contains("grant get, create, update and delete");
    }

    private SyncEngine engine(Cluster cluster, String identity) {
        return SyncEngine.builder().cluster(cluster).clock(clock).identity(identity).pacer(this::moveClockTo).build();
    }

    private void moveClockTo(Instant next) {
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
        fake.controllers().tick();
    }

    private static Comparison compare(Cluster cluster) {
        List<ObjectNode> objects = Yaml.readDocuments(APP, "git").stream().map(YamlDocument::body).toList();
        return new StateComparer(cluster, ResourceDiffer.defaults())
                .compare(DesiredState.prepare(objects, SyncTarget.builder("shop", "default").build(), cluster));
    }
}
