package io.gitops4j.benchmarks.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.DiffResult;
import io.gitops4j.kube.Json;
import io.gitops4j.diff.ResourceDiffer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diffing an unchanged, realistic Deployment (live as the API server returns it: defaults,
 * canonical quantities, managedFields, status) against the time Jackson takes to parse the same
 * desired and live JSON: the ratio issue 3 bounds at 3x. {@code liveCase} picks a live copy
 * applied by {@code kubectl apply} (three-way diff against last-applied) or server-side by
 * gitops4j (managed-fields diff).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class UnchangedDeploymentDiffBenchmark {

    @Param({"kubectl-apply", "server-side-apply"})
    public String liveCase;

    private final ResourceDiffer differ = ResourceDiffer.defaults();
    private String desiredJson;
    private String liveJson;
    private ObjectNode desired;
    private ObjectNode live;

    @Setup
    public void setUp() {
        desired = BenchmarkObjects.read(liveCase, "desired.yaml");
        live = BenchmarkObjects.read(liveCase, "live.yaml");
        desiredJson = Json.write(desired);
        liveJson = Json.write(live);
        if (differ.diff(desired, live).modified()) {
            throw new IllegalStateException(liveCase + ": the benchmark Deployment must diff as unchanged");
        }
    }

    @Benchmark
    public DiffResult diffUnchangedDeployment() {
        return differ.diff(desired, live);
    }

    @Benchmark
    public JsonNode[] parseDesiredAndLiveJson() throws IOException {
        return new JsonNode[] {Json.mapper().readTree(desiredJson), Json.mapper().readTree(liveJson)};
    }
}
