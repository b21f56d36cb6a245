package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templating runs in a worker process, so a chart that never finishes or prints without end is
 * stopped at its limit instead of hanging or exhausting this JVM, and the next render works.
 */
class HelmProcessTest {

    private static final HelmOptions OPTIONS = HelmOptions.DEFAULTS.withReleaseName("shop");

    @TempDir
    Path repo;

    @Test
    void aTemplateThatRunsPastTheTimeoutIsStoppedAndTheNextRenderWorks() throws IOException {
        chart("slow", "{{- range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}\n" + configMap("slow"));
        chart("quick", configMap("quick"));
        try (HelmRenderer helm = HelmRenderer.builder().limits(HelmLimits.DEFAULTS.withTimeout(Duration.ofSeconds(2)))
                .build()) {
            assertThatThrownBy(() -> helm.render(RepositoryRoot.of(repo), "slow", OPTIONS))
                    .isInstanceOf(HelmException.class)
                    .hasMessage("helm template of slow did not finish within 2 s; it was stopped (HelmLimits.timeout)");

            assertThat(helm.render(RepositoryRoot.of(repo), "quick", OPTIONS))
                    .extracting(o -> o.at("/metadata/name").asText()).containsExactly("quick");
        }
    }

    @Test
    void outputPastTheLimitIsRefused() throws IOException {
        chart("loud", configMap("loud") + "data:\n{{- range $i := until 2000 }}\n  k{{ $i }}: \"{{ $i }}\"\n{{- end }}\n");
        try (HelmRenderer helm = HelmRenderer.builder().limits(HelmLimits.DEFAULTS.withMaxOutputBytes(4096)).build()) {
            assertThatThrownBy(() -> helm.render(RepositoryRoot.of(repo), "loud", OPTIONS))
                    .isInstanceOf(HelmException.class)
                    .hasMessageStartingWith("helm template of loud failed: helm template printed ")
                    .hasMessageEndingWith("bytes, more than the limit of 4096 (HelmLimits.maxOutputBytes)");
        }
    }

    @Test
    void closingStopsTheWorkerLeavesNothingBehindAndRefusesLaterRenders(@TempDir Path work) throws IOException {
        chart("quick", configMap("quick"));
        HelmRenderer helm = HelmRenderer.builder().temporaryDirectory(work).build();
        helm.render(RepositoryRoot.of(repo), "quick", OPTIONS);
        assertThat(entries(work)).singleElement().asString().contains("gitops4j-helm-worker-");

        helm.close();

        assertThat(entries(work)).isEmpty();
        assertThatThrownBy(() -> helm.render(RepositoryRoot.of(repo), "quick", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("the Helm renderer is closed");
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    private static String configMap(String name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
    }

    private void chart(String name, String template) throws IOException {
        Files.createDirectories(repo.resolve(name).resolve("templates"));
        Files.writeString(repo.resolve(name).resolve("Chart.yaml"), "apiVersion: v2\nname: " + name + "\nversion: 0.1.0\n");
        Files.writeString(repo.resolve(name).resolve("templates/cm.yaml"), template);
    }
}
