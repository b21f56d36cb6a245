package io.gitops4j.benchmarks.fake;

import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a test pays for a fake cluster: a new empty {@link FakeCluster}, and that cluster served
 * over HTTP on a free port then stopped. Issue 5 asks for a start in milliseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FakeApiServerStartBenchmark {

    @Benchmark
    public FakeCluster newCluster() {
        return new FakeCluster();
    }

    @Benchmark
    public int newClusterServedOverHttp() {
        try (FakeApiServer server = FakeApiServer.start(new FakeCluster())) {
            return server.port();
        }
    }
}
