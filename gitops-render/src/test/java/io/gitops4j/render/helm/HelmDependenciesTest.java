package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chart dependencies as Argo CD gets them with {@code helm dependency build}: {@code file://}
 * charts of the repository are used when {@code charts/} lacks them (aliases included, versions
 * checked against {@code Chart.lock} or the {@code Chart.yaml} constraint), never from outside
 * the repository and within the chart's limits; a renderer without a chart repository client
 * downloads nothing (HelmDependencyDownloadTest covers downloads).
 * The expected objects are those {@code helm dependency build && helm template r app} (Helm
 * v4.1.4) printed for the same files.
 */
class HelmDependenciesTest {

    private static final HelmRenderer HELM = HelmRenderer.create();
    private static final HelmOptions OPTIONS = HelmOptions.DEFAULTS.withReleaseName("r");

    @TempDir
    Path temp;
    private Path repo;

    @BeforeEach
    void layout() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        write("lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.2.0\n");
        write("lib/values.yaml", "greeting: hi\n");
        write("lib/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-"
                + "{{ .Chart.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
        write("app/values.yaml", "other:\n  greeting: hello\n");
        chartYaml("""
                - name: lib
                  version: 0.2.0
                  repository: file://../lib
                - name: lib
                  alias: other
                  version: ">=0.1.0"
                  repository: "file://../lib"
                """);
    }

    @AfterAll
    static void stopHelm() {
        HELM.close();
    }

    @Test
    void fileDependenciesMissingFromChartsAreTakenFromTheRepositoryAsHelmDependencyBuildDoes() {
        assertThat(greetings(HELM.render(RepositoryRoot.of(repo), "app", OPTIONS)))
                .isEqualTo(Map.of("r-lib", "hi", "r-other", "hello"));
        assertThat(repo.resolve("app/charts")).doesNotExist();
    }

    @Test
    void aVendoredDependencyIsUsedAsItIs() throws IOException {
        write("app/charts/lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 0.2.0\n");
        write("app/charts/lib/values.yaml", "greeting: vendored\n");
        write("app/charts/lib/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
                + "{{ .Release.Name }}-{{ .Chart.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");

        assertThat(greetings(HELM.render(RepositoryRoot.of(repo), "app", OPTIONS)))
                .isEqualTo(Map.of("r-lib", "vendored", "r-other", "hello"));
    }

    @Test
    void anExactVersionTheLocalChartDoesNotHaveIsAnError() throws IOException {
        chartYaml("- name: lib\n  version: 0.3.0\n  repository: file://../lib\n");

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("dependency 'lib' (file://../lib) of the chart app asks for version 0.3.0 but the chart "
                        + "there is 0.2.0; fix the version in Chart.yaml (or Chart.lock)");
    }

    @Test
    void aConstraintTheLocalChartDoesNotSatisfyIsAnError() throws IOException {
        chartYaml("- name: lib\n  version: \"^0.3.0\"\n  repository: file://../lib\n");

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("dependency 'lib' (file://../lib) of the chart app asks for version ^0.3.0 but the chart "
                        + "there is 0.2.0; fix the version in Chart.yaml (or Chart.lock)");
    }

    @Test
    void theVersionInChartLockIsTheOneChecked() throws IOException {
        chartYaml("- name: lib\n  version: \">=0.1.0\"\n  repository: file://../lib\n");
        String lock = "dependencies:\n- name: lib\n  repository: file://../lib\n  version: 0.1.0\n";
        String digest = ChartLockDigest.of(List.of(io.gitops4j.kube.Json.mapper().readTree(
                "{\"name\":\"lib\",\"version\":\">=0.1.0\",\"repository\":\"file://../lib\"}")),
                List.of(io.gitops4j.kube.Json.mapper().readTree(
                        "{\"name\":\"lib\",\"repository\":\"file://../lib\",\"version\":\"0.1.0\"}")));
        write("app/Chart.lock", lock + "digest: " + digest + "\n");

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("asks for version 0.1.0 but the chart there is 0.2.0");
    }

    @Test
    void aFileDependencyOutsideTheRepositoryIsRefused() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("Chart.yaml"), "apiVersion: v2\nname: lib\nversion: 0.2.0\n");
        chartYaml("- name: lib\n  version: 0.2.0\n  repository: file://../../outside\n");

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("dependency 'lib' (file://../../outside) of the chart app leaves the repository; a file:// "
                        + "dependency must be a chart directory inside it");
    }

    @Test
    void aFileDependencyLinkedOutsideTheRepositoryIsRefused() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("Chart.yaml"), "apiVersion: v2\nname: lib\nversion: 0.2.0\n");
        Files.createSymbolicLink(repo.resolve("linked"), outside);
        chartYaml("- name: lib\n  version: 0.2.0\n  repository: file://../linked\n");

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("'linked' is a symbolic link to")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void aMissingRepositoryDependencyIsNeverDownloadedAndItsCredentialsNeverShown() throws IOException {
        chartYaml("- name: redis\n  version: 18.0.0\n  repository: https://bot:s3cr3t@charts.example.com/stable\n");

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("dependency 'redis' 18.0.0 (repository https://***@charts.example.com/stable) of the chart "
                        + "app is not in its charts/ directory, and this renderer downloads no charts (give it a "
                        + "HelmChartRepository), or run helm dependency build and commit charts/")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aDependencyCountsAgainstTheChartsLimits() throws IOException {
        for (int i = 0; i < 20; i++) {
            write("lib/templates/extra-" + i + ".txt", "x");
        }
        try (HelmRenderer small = HelmRenderer.builder().limits(HelmLimits.DEFAULTS.withMaxFiles(20)).build()) {
            assertThatThrownBy(() -> small.render(RepositoryRoot.of(repo), "app", OPTIONS))
                    .isInstanceOf(HelmException.class)
                    .hasMessageContaining("more than 20 files and directories")
                    .hasMessageContaining("HelmLimits.maxFiles");
        }
    }

    private void chartYaml(String dependencies) throws IOException {
        write("app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n" + dependencies);
    }

    private static Map<String, String> greetings(List<ObjectNode> objects) {
        Map<String, String> greetings = new TreeMap<>();
        objects.forEach(o -> greetings.put(o.at("/metadata/name").asText(), o.at("/data/greeting").asText()));
        return greetings;
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
