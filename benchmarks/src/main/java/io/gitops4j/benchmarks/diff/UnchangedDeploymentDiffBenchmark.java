package io.gitops4j.benchmarks.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.DiffResult;
import io.gitops4j.diff.Json;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.diff.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
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
 * Diffing an unchanged Deployment (live with managedFields, status and last-applied) against
 * the time Jackson takes to parse the same desired and live JSON: the ratio issue 3 bounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UnchangedDeploymentDiffBenchmark {

    private String desiredJson;
    private String liveJson;
    private ObjectNode desired;
    private ObjectNode live;

    @Setup
    public void setUp() {
        desired = read("deployment-desired.yaml");
        live = read("deployment-live.yaml");
        desiredJson = Json.write(desired);
        liveJson = Json.write(live);
    }

    @Benchmark
    public DiffResult diffUnchangedDeployment() {
        return ResourceDiffer.defaults().diff(desired, live);
    }

    @Benchmark
    public JsonNode[] parseDesiredAndLiveJson() throws IOException {
        return new JsonNode[] {Json.mapper().readTree(desiredJson), Json.mapper().readTree(liveJson)};
    }

    private static ObjectNode read(String name) {
        String path = "/diff/" + name;
        try (InputStream in = Objects.requireNonNull(UnchangedDeploymentDiffBenchmark.class.getResourceAsStream(path), path)) {
            return Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), path).get(0).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
