package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's {@code valueFiles}, {@code ignoreMissingValueFiles} and {@code valuesObject}: a
 * missing value file is an error naming it and the chart unless the flag is set, in a chart
 * directory and in a packaged chart alike; {@code valuesObject} wins over {@code values}.
 */
class HelmValueFilesTest {

    private static final HelmRenderer HELM = HelmRenderer.create();

    @TempDir
    Path repo;

    @BeforeEach
    void chart() throws IOException {
        Files.createDirectories(repo.resolve("apps/web/templates"));
        Files.writeString(repo.resolve("apps/web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        Files.writeString(repo.resolve("apps/web/values.yaml"), "size: small\n");
        Files.writeString(repo.resolve("apps/web/templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  size: {{ .Values.size | quote }}\n");
    }

    @AfterAll
    static void stopHelm() {
        HELM.close();
    }

    @Test
    void aMissingValueFileIsAnErrorNamingTheFileAndTheChart() {
        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "apps/web", options(List.of("envs/prod.yaml"),
                false, Optional.empty())))
                .isInstanceOf(HelmException.class)
                .hasMessage("values file 'envs/prod.yaml' of apps/web does not exist; fix helm.valueFiles or set "
                        + "ignoreMissingValueFiles");
    }

    @Test
    void aMissingValueFileIsSkippedWithIgnoreMissingValueFilesAndTheOthersStillApply() throws IOException {
        Files.writeString(repo.resolve("apps/web/large.yaml"), "size: large\n");

        List<ObjectNode> objects = HELM.render(RepositoryRoot.of(repo), "apps/web",
                options(List.of("large.yaml", "envs/prod.yaml"), true, Optional.empty()));

        assertThat(objects.get(0).at("/data/size").asText()).isEqualTo("large");
    }

    @Test
    void valuesObjectOverridesValueFilesAndInlineValues() throws IOException {
        Files.writeString(repo.resolve("apps/web/large.yaml"), "size: large\n");
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("size", "huge");

        List<ObjectNode> objects = HELM.render(RepositoryRoot.of(repo), "apps/web",
                new HelmOptions(List.of("large.yaml"), false, "size: medium\n", Optional.of(object), List.of(), "shop",
                        "", "", List.of(), false, false));

        assertThat(objects.get(0).at("/data/size").asText()).isEqualTo("huge");
    }

    @Test
    void aMissingValueFileOfAPackagedChartIsAnErrorNamingItUnlessIgnored() throws URISyntaxException {
        Path archive = Path.of(Objects.requireNonNull(getClass().getResource("/helm-repository/web-1.3.0.tgz")).toURI());

        assertThatThrownBy(() -> HELM.renderPackaged(archive, options(List.of("values-prod.yaml"), false,
                Optional.empty())))
                .isInstanceOf(HelmException.class)
                .hasMessage("values file 'values-prod.yaml' does not exist in the chart web-1.3.0.tgz; fix "
                        + "helm.valueFiles or set ignoreMissingValueFiles");
        assertThat(HELM.renderPackaged(archive, options(List.of("values-prod.yaml"), true, Optional.empty())))
                .isNotEmpty();
    }

    private static HelmOptions options(List<String> files, boolean ignoreMissing, Optional<ObjectNode> object) {
        return new HelmOptions(files, ignoreMissing, "", object, List.of(), "shop", "", "", List.of(), false, false);
    }
}
