package io.gitops4j.benchmarks.appset;

import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.ApplicationSets;
import io.gitops4j.core.appset.GeneratedApplication;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * Issue 16's benchmark, the generation half: an ApplicationSet whose matrix of 100 services x 10
 * environments generates 1,000 Applications, with fasttemplate and with Go templates (each
 * Application rendered, patched into an object with owner reference and finalizer, and read into
 * the model). Registering them is the engine's and measured there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApplicationSetBenchmark {

    @Param({"false", "true"})
    public boolean goTemplate;

    private ApplicationSet set;
    private ApplicationSetGenerator generator;

    @Setup
    public void setUp() {
        String services = IntStream.range(0, 100).mapToObj(i -> "{service: service-" + i + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        String environments = IntStream.range(0, 10).mapToObj(i -> "{env: env-" + i + ", server: 'https://cluster-" + i
                + ".example.com'}").collect(Collectors.joining(", ", "[", "]"));
        String p = goTemplate ? "{{ ." : "{{";
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: fleet
                  namespace: argocd
                spec:
                  goTemplate: %s
                  generators:
                  - matrix:
                      generators:
                      - list: {elements: %s}
                      - list: {elements: %s}
                  template:
                    metadata:
                      name: '%sservice}}-%senv}}'
                      labels: {env: '%senv}}', service: '%sservice}}'}
                    spec:
                      project: default
                      source:
                        repoURL: https://git.example.com/platform.git
                        targetRevision: HEAD
                        path: 'services/%sservice}}/overlays/%senv}}'
                      destination:
                        server: '%sserver}}'
                        namespace: '%sservice}}'
                      syncPolicy:
                        automated: {prune: true, selfHeal: true}
                        syncOptions: [CreateNamespace=true]
                """.formatted(goTemplate, services, environments, p, p, p, p, p, p, p, p);
        set = ApplicationSets.readOne(yaml, "fleet.yaml");
        generator = ApplicationSetGenerator.builder().build();
        if (generator.generate(set).size() != 1000) {
            throw new IllegalStateException("expected 1,000 Applications");
        }
    }

    @Benchmark
    public List<GeneratedApplication> generateThousandApplications() {
        return generator.generate(set);
    }
}
