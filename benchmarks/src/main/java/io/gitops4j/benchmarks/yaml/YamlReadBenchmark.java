package io.gitops4j.benchmarks.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.YamlReader;
import java.util.List;
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
 * Reading YAML: {@code Yaml.readDocuments} (SnakeYAML events into Jackson trees, issue 12) against
 * the Jackson streaming reader it replaced, and the {@code kubectl} and {@code kyaml} readers, on
 * a realistic multi-document file (60 services: 180 documents, 107 KB), one large CRD (2 MB)
 * and one document holding a 2 MB single-line value (the old reader is quadratic in the length of
 * one token). Run it in sample mode ({@code -bm sample}) on a shared machine: the median is what
 * to compare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YamlReadBenchmark {

    @Param({"manifests", "largeCrd", "largeScalar"})
    public String sample;

    private String text;

    @Setup
    public void setUp() {
        text = switch (sample) {
            case "manifests" -> YamlSamples.manifests(60);
            case "largeCrd" -> YamlSamples.largeCrd(3_000);
            default -> YamlSamples.largeScalar(2 << 20);
        };
        List<ObjectNode> before = JacksonYamlReader.readDocuments(text);
        List<ObjectNode> after = Yaml.readDocuments(text, sample).stream().map(YamlDocument::body).toList();
        if (!before.equals(after)) {
            throw new IllegalStateException("the readers disagree on " + sample);
        }
    }

    @Benchmark
    public List<YamlDocument> readDocuments() {
        return Yaml.readDocuments(text, sample);
    }

    @Benchmark
    public List<YamlDocument> readDocumentsKubectl() {
        return YamlReader.kubectl().readDocuments(text, sample);
    }

    @Benchmark
    public List<ObjectNode> jacksonStreamingBefore() {
        return JacksonYamlReader.readDocuments(text);
    }
}
