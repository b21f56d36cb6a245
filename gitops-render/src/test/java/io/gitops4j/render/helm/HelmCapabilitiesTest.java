package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a chart sees of the cluster in {@code .Capabilities}: the Kubernetes version Helm v4
 * defaults to unless one is given (never helm-java's built-in v1.20), a given version as
 * {@code --kube-version} passes it, a version that is not one refused naming it, and extra API
 * versions ({@code --api-versions}) refused clearly, since helm-java cannot pass them.
 */
class HelmCapabilitiesTest {

    private static final HelmRenderer HELM = HelmRenderer.create();

    @TempDir
    Path repo;

    @BeforeEach
    void chart() throws IOException {
        Files.createDirectories(repo.resolve("chart/templates"));
        Files.writeString(repo.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        Files.writeString(repo.resolve("chart/templates/cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: caps
                data:
                  version: {{ .Capabilities.KubeVersion.Version | quote }}
                  {{- if semverCompare ">=1.25-0" .Capabilities.KubeVersion.GitVersion }}
                  modern: "true"
                  {{- end }}
                """);
    }

    @AfterAll
    static void stopHelm() {
        HELM.close();
    }

    @Test
    void withoutAKubeVersionTemplatesSeeHelmsOwnDefaultNotV120() {
        ObjectNode cm = HELM.render(RepositoryRoot.of(repo), "chart", options("", List.of())).get(0);

        assertThat(cm.at("/data/version").asText()).isEqualTo("v1.35.0").isEqualTo(HelmOptions.DEFAULT_KUBE_VERSION);
        assertThat(cm.at("/data/modern").asText()).isEqualTo("true");
    }

    @Test
    void aGivenKubeVersionIsWhatTemplatesSee() {
        ObjectNode cm = HELM.render(RepositoryRoot.of(repo), "chart", options("1.30.2", List.of())).get(0);

        assertThat(cm.at("/data/version").asText()).isEqualTo("v1.30.2");
    }

    @Test
    void theDestinationClustersVersionCanBeGivenLikeArgoCdDoes() {
        ObjectNode cm = HELM.render(RepositoryRoot.of(repo), "chart", options("", List.of()).withKubeVersion("v1.28.9"))
                .get(0);

        assertThat(cm.at("/data/version").asText()).isEqualTo("v1.28.9");
    }

    @Test
    void aKubeVersionThatIsNoVersionIsRefusedNamingIt() {
        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", options("latest", List.of())))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("latest")
                .hasMessageContaining("chart");
    }

    @Test
    void apiVersionsAreRefusedNamingTheChartInsteadOfIgnored() {
        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart",
                options("", List.of("monitoring.coreos.com/v1"))))
                .isInstanceOf(HelmException.class)
                .hasMessage("helm.apiVersions [monitoring.coreos.com/v1] of chart cannot be applied: helm-java 0.0.21 "
                        + "passes no API versions to Helm (its template options have no --api-versions, and its native "
                        + "template always runs client-only, where .Capabilities.APIVersions is Helm's built-in set); "
                        + "remove apiVersions from the source, or render the chart with a config management plugin "
                        + "running helm template --api-versions");
    }

    private static HelmOptions options(String kubeVersion, List<String> apiVersions) {
        return new HelmOptions(List.of(), false, "", Optional.empty(), List.of(), "shop", "prod", kubeVersion,
                apiVersions, false, false);
    }
}
