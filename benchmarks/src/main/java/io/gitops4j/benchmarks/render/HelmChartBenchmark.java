package io.gitops4j.benchmarks.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Templating the 30-object chart of {@link RenderFixtures} through helm-java in a warm JVM (the
 * chart copied and prepared every time, no render cache): the figure to set against one
 * {@code helm template} process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HelmChartBenchmark {

    private RepositoryRoot repository;
    private final HelmRenderer helm = HelmRenderer.create();
    private final HelmOptions options = HelmOptions.DEFAULTS.withReleaseName("shop").withNamespace("prod");

    @Setup
    public void setUp() throws IOException {
        Path root = Files.createTempDirectory("gitops4j-bench-");
        RenderFixtures.write(root);
        repository = RepositoryRoot.of(root);
        int count = helm.render(repository, "chart", options).size();
        if (count != 3 * RenderFixtures.SERVICES) {
            throw new IllegalStateException("the chart should render 30 objects, not " + count);
        }
    }

    @Benchmark
    public List<ObjectNode> templateChart() {
        return helm.render(repository, "chart", options);
    }
}
