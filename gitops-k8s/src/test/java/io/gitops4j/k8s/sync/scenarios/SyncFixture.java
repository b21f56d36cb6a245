package io.gitops4j.k8s.sync.scenarios;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.k8s.sync.StateComparer;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the sync scenarios need from the form of the fake cluster under test: the cluster to sync
 * into (in process, or fabric8 over HTTP), the fake behind it and its manual clock. The engine's
 * pacer moves the clock to the next step and ticks the simulated controllers: nothing sleeps.
 */
public interface SyncFixture {

    /** The application every scenario syncs. */
    String APP = "shop";

    /** The time the clock starts at. */
    Instant START = Instant.parse("2026-11-22T09:30:00Z");

    Cluster cluster();

    FakeCluster fake();

    ManualClock clock();

    /** Moves the clock to the next step and lets the controllers run once. */
    default StepPacer pacer() {
        return next -> {
            if (next.isAfter(clock().instant())) {
                clock().set(next);
            }
            fake().controllers().tick();
        };
    }

    default SyncEngine engine() {
        return SyncEngine.builder().cluster(cluster()).clock(clock()).pacer(pacer()).build();
    }

    /** {@link #APP} with the destination namespace {@code shop}, annotation tracking and the default field manager. */
    default SyncTarget target() {
        return SyncTarget.builder(APP, "shop").build();
    }

    /** Git's objects for {@link #APP}, compared with the cluster; namespaced objects default to {@code shop}. */
    default Comparison compare(String yaml) {
        return compare(yaml, target());
    }

    /** Git's objects for an application, prepared for and compared as {@code target}. */
    default Comparison compare(String yaml, SyncTarget target) {
        List<ObjectNode> objects = Yaml.readDocuments(yaml, "git").stream().map(YamlDocument::body).toList();
        DesiredState desired = DesiredState.prepare(objects, target, cluster());
        return new StateComparer(cluster(), ResourceDiffer.defaults()).compare(desired);
    }

    default Optional<ObjectNode> live(String apiVersion, String kind, String namespace, String name) {
        return fake().get(apiVersion, kind, namespace, name);
    }
}
