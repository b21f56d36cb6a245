package io.gitops4j.benchmarks.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.KustomizeRenderer;
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
 * Building the 30-resource overlay of {@link RenderFixtures} in a warm JVM, files read from disk
 * every time (no render cache): the figure to set against one {@code kubectl kustomize} process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KustomizeOverlayBenchmark {

    private RepositoryRoot repository;
    private final KustomizeRenderer renderer = KustomizeRenderer.create();

    @Setup
    public void setUp() throws IOException {
        Path root = Files.createTempDirectory("gitops4j-bench-");
        RenderFixtures.write(root);
        repository = RepositoryRoot.of(root);
        int count = renderer.render(repository, "overlay").size();
        if (count != 3 * RenderFixtures.SERVICES) {
            throw new IllegalStateException("the overlay should render 30 resources, not " + count);
        }
    }

    @Benchmark
    public List<ObjectNode> buildOverlay() {
        return renderer.render(repository, "overlay");
    }
}
