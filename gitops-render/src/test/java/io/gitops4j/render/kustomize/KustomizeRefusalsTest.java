package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the Kustomize renderer does not do is refused with a clear error naming the kustomization,
 * never silently ignored (Kustomize would act on these fields, so ignoring them would deploy
 * something else).
 */
class KustomizeRefusalsTest {

    @TempDir
    Path repo;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "openapi: {path: schema.json}                         | openapi (a custom schema for strategic merge patches of custom resources) is not supported yet",
        "transformers: [prefixer.yaml]                        | the transformers field (transformer plugins) is not supported",
        "generators: [generator.yaml]                         | the generators field (generator plugins) is not supported",
        "validators: [validator.yaml]                         | validators are not supported",
        "buildMetadata: [transformerAnnotations]              | buildMetadata option 'transformerAnnotations' is not supported",
        "helmCharts: [{name: web}]                            | helmCharts are disabled; enable Helm in the Kustomize options",
        "helmChartInflationGenerator: [{chartName: web}]      | helmChartInflationGenerator is not supported; use helmCharts",
    })
    void unsupportedFieldsAreClearErrors(String field, String message) throws IOException {
        Files.writeString(repo.resolve("kustomization.yaml"), "resources: [cm.yaml]\n" + field + "\n");
        Files.writeString(repo.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

        assertThatThrownBy(() -> KustomizeRenderer.create().render(RepositoryRoot.of(repo), "."))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("kustomization.yaml: ")
                .hasMessageContaining(message);
    }
}
