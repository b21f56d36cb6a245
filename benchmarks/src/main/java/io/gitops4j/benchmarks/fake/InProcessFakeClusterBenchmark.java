package io.gitops4j.benchmarks.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.FakeCluster;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process fake cluster holding 10,000 objects: server-side applies per second (each one a
 * real change: the replicas of one of 1,000 Deployments, or a value of one of 1,000 ConfigMaps,
 * in turn), and lists by label selector.
 * Issue 5 asks for at least 50,000 applies per second.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class InProcessFakeClusterBenchmark {

    private FakeCluster cluster;
    private ResourceType configMaps;
    private ObjectNode[][] configurations;
    private ObjectNode[][] configMapConfigurations;
    private ListOptions oneApp;
    private ListOptions setBased;
    private int next;

    @Setup
    public void setUp() {
        cluster = new FakeCluster();
        Workload.fill(cluster);
        configMaps = cluster.resourceType("v1", "ConfigMap").orElseThrow();
        configurations = Workload.configurations((i, variant) -> Workload.deployment(i, 2 - variant));
        configMapConfigurations = Workload.configurations((i, variant) -> Workload.configMap(i, variant == 0 ? "blue" : "green"));
        oneApp = ListOptions.all().withLabelSelector("app=app-42");
        setBased = ListOptions.all().withLabelSelector("tier in (front),app notin (app-0,app-2)");
        if (cluster.list(configMaps, oneApp).size() != 90 || cluster.list(configMaps, setBased).size() != 4320) {
            throw new IllegalStateException("the label selectors do not select what the benchmark says");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ObjectNode serverSideApplyDeployment() {
        return cluster.apply(Workload.next(configurations, next++), Workload.APPLIER);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ObjectNode serverSideApplyConfigMap() {
        return cluster.apply(Workload.next(configMapConfigurations, next++), Workload.APPLIER);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<ObjectNode> listByLabel() {
        return cluster.list(configMaps, oneApp);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<ObjectNode> listBySetBasedSelector() {
        return cluster.list(configMaps, setBased);
    }
}
