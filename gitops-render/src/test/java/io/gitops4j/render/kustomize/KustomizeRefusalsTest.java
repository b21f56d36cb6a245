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
 * something else): among the plugins a kustomization's {@code transformers} and
 * {@code generators} configure, those that are not Kustomize's built-ins (as
 * {@code kubectl kustomize} refuses them), the built-ins without a Java implementation, and Helm
 * charts when Helm is off.
 */
class KustomizeRefusalsTest {

    @TempDir
    Path repo;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "transformers: [prefixer.yaml]                        | 'prefixer.yaml' does not exist",
        "generators: ['{apiVersion: builtin, kind: IAMPolicyGenerator, metadata: {name: p}, cloud: aws}'] | cloud provider aws not supported yet",
        "transformers: ['{apiVersion: builtin, kind: ValueAddTransformer, metadata: {name: v}}'] | the built-in ValueAddTransformer is not supported",
        "generators: ['{apiVersion: builtin, kind: HelmChartInflationGenerator, metadata: {name: h}, name: web}'] | Helm charts are disabled; enable Helm",
        "transformers: ['{apiVersion: kustomize.example.com/v1, kind: Sops, metadata: {name: s}}'] | external plugins disabled; unable to load external plugin 'Sops'",
        "validators: ['{apiVersion: example.com/v1, kind: Check, metadata: {name: c}}'] | external plugins disabled; unable to load external plugin 'Check'",
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
