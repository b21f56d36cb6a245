package io.gitops4j.benchmarks.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.StateComparer;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.kube.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One application of 5,000 resources (a Namespace and 1,666 each of Deployments, Services and
 * ConfigMaps, one wave) synced into the in-process fake cluster: {@code firstSync} compares and
 * syncs into an empty cluster (server dry run of every object, then server-side apply of every
 * object), {@code noOpSync} compares and syncs again when everything is in sync, which must write
 * no resource (the benchmark fails if one is, or if the cluster's resourceVersion moves by more
 * than the sync's lock: its Lease created and deleted).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class SyncBenchmark {

    /** How many resources the application has. */
    public static final int RESOURCES = 5_000;

    private static final String APP = "big";

    /** A fresh, empty cluster for every first sync. */
    @State(Scope.Thread)
    public static class Empty {
        FakeCluster cluster;
        List<ObjectNode> rendered;

        @Setup(Level.Invocation)
        public void setUp() {
            cluster = new FakeCluster();
            rendered = application();
        }
    }

    /** A cluster the application is synced into already. */
    @State(Scope.Thread)
    public static class Synced {
        FakeCluster cluster;
        List<ObjectNode> rendered;
        String resourceVersion;

        @Setup(Level.Trial)
        public void setUp() {
            cluster = new FakeCluster();
            rendered = application();
            SyncResult first = sync(cluster, rendered);
            if (!first.succeeded() || first.applied().size() != RESOURCES) {
                throw new IllegalStateException("the first sync did not apply the application: " + first.message());
            }
            resourceVersion = cluster.resourceVersion();
        }
    }

    @Benchmark
    public SyncResult firstSync(Empty state) {
        SyncResult result = sync(state.cluster, state.rendered);
        if (!result.succeeded()) {
            throw new IllegalStateException(result.message());
        }
        return result;
    }

    @Benchmark
    public SyncResult noOpSync(Synced state) {
        SyncResult result = sync(state.cluster, state.rendered);
        // The sync's only writes are its lock: the Lease created, then deleted.
        long writes = Long.parseLong(state.cluster.resourceVersion()) - Long.parseLong(state.resourceVersion);
        boolean wroteNothing = result.resources().stream().allMatch(r -> r.action() == ResourceAction.UNCHANGED)
                && writes <= 2 && state.cluster.get("coordination.k8s.io/v1", "Lease", "default", "gitops4j-sync-" + APP)
                        .isEmpty();
        if (!result.succeeded() || !wroteNothing) {
            throw new IllegalStateException("a no-op sync wrote to the cluster (" + writes + " writes): "
                    + result.message());
        }
        state.resourceVersion = state.cluster.resourceVersion();
        return result;
    }

    /** Prepares, compares and syncs, as one reconcile does once the manifests are rendered. */
    static SyncResult sync(FakeCluster cluster, List<ObjectNode> rendered) {
        DesiredState desired = DesiredState.prepare(rendered, SyncTarget.builder(APP, "big").build(), cluster);
        Comparison comparison = new StateComparer(cluster, ResourceDiffer.defaults()).compare(desired);
        return new SyncEngine(cluster).sync(comparison, SyncRequest.defaults());
    }

    /** The application's manifests, as a render returns them. */
    static List<ObjectNode> application() {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: big}\n"));
        for (int i = 0; objects.size() < RESOURCES; i++) {
            List<ObjectNode> service = new ArrayList<>();
            service.add(parse("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: svc-%1$d, labels: {app: svc-%1$d}}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: svc-%1$d}}
                      template:
                        metadata: {labels: {app: svc-%1$d}}
                        spec:
                          containers:
                          - name: app
                            image: registry.example.com/svc-%1$d:1.0.%1$d
                            ports: [{containerPort: 8080}]
                            resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
                            env: [{name: SERVICE, value: svc-%1$d}]
                    """.formatted(i)));
            service.add(parse("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc-%1$d}
                    spec:
                      selector: {app: svc-%1$d}
                      ports: [{port: 80, targetPort: 8080}]
                    """.formatted(i)));
            service.add(parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: svc-%1$d}\ndata: {color: blue, index: \"%1$d\"}\n"
                    .formatted(i)));
            objects.addAll(service.subList(0, Math.min(service.size(), RESOURCES - objects.size())));
        }
        return objects;
    }

    private static ObjectNode parse(String yaml) {
        return Yaml.readDocuments(yaml, "benchmark").get(0).body();
    }
}
