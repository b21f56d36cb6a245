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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value files from another source's repository ({@code $name/path}, Argo CD's {@code ref}
 * sources): read from that repository's root, in their place among the other value files, and
 * never from outside it, through {@code ..} or through a symbolic link.
 */
class ReferencedValuesTest {

    private static final HelmRenderer HELM = HelmRenderer.create();

    @TempDir
    Path temp;

    private Path charts;
    private Path values;

    @BeforeEach
    void repositories() throws IOException {
        charts = Files.createDirectories(temp.resolve("charts"));
        Files.createDirectories(charts.resolve("web/templates"));
        Files.writeString(charts.resolve("web/Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        Files.writeString(charts.resolve("web/values.yaml"), "size: small\ncolour: red\n");
        Files.writeString(charts.resolve("web/blue.yaml"), "colour: blue\n");
        Files.writeString(charts.resolve("web/templates/cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web}
                data: {size: {{ .Values.size }}, colour: {{ .Values.colour }}}
                """);
        values = Files.createDirectories(temp.resolve("values"));
        Files.createDirectories(values.resolve("envs"));
        Files.writeString(values.resolve("envs/prod.yaml"), "size: large\ncolour: green\n");
        Files.writeString(temp.resolve("secret.yaml"), "size: stolen\n");
        Files.createSymbolicLink(values.resolve("envs/leak.yaml"), temp.resolve("secret.yaml"));
    }

    @AfterAll
    static void stopHelm() {
        HELM.close();
    }

    private List<ObjectNode> render(String... valueFiles) {
        return HELM.render(RepositoryRoot.of(charts), "web", options(valueFiles), Map.of("values", RepositoryRoot.of(values)));
    }

    private static HelmOptions options(String... valueFiles) {
        return new HelmOptions(List.of(valueFiles), false, "", Optional.empty(), List.of(), "web", "shop", "", List.of(),
                false, false);
    }

    @Test
    void aReferencedValueFileIsReadFromItsRepositoryInItsPlaceAmongTheOthers() {
        ObjectNode cm = render("$values/envs/prod.yaml", "blue.yaml").get(0);

        assertThat(cm.at("/data/size").asText()).isEqualTo("large");
        assertThat(cm.at("/data/colour").asText()).as("a later value file still wins").isEqualTo("blue");
    }

    @Test
    void climbingOutOfTheReferencedRepositoryIsRefused() {
        assertThatThrownBy(() -> render("$values/../../etc/passwd"))
                .isInstanceOf(HelmException.class)
                .hasMessage("values file '$values/../../etc/passwd' of web leaves the repository of source $values; a "
                        + "$values/ path is read from that repository's root and must stay inside it");
        assertThatThrownBy(() -> render("$values/../charts/web/blue.yaml"))
                .as("not even into another source's repository")
                .isInstanceOf(HelmException.class).hasMessageContaining("leaves the repository of source $values");
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheReferencedRepositoryIsRefused() {
        assertThatThrownBy(() -> render("$values/envs/leak.yaml"))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("values file '$values/envs/leak.yaml' of web")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void anUnknownRefAndAMissingFileAreNamed() {
        assertThatThrownBy(() -> render("$other/envs/prod.yaml"))
                .isInstanceOf(HelmException.class)
                .hasMessage("values file '$other/envs/prod.yaml' of web names $other, which is not the ref of any source "
                        + "(refs: [$values]); fix helm.valueFiles or the sources' ref");
        assertThatThrownBy(() -> render("$values/envs/nope.yaml"))
                .isInstanceOf(HelmException.class)
                .hasMessage("values file '$values/envs/nope.yaml' of web does not exist in the repository of source "
                        + "$values; fix helm.valueFiles or set ignoreMissingValueFiles");
    }

    @Test
    void withoutReferencesADollarPathIsAnOrdinaryPathInTheChart() {
        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(charts), "web", options("$values/envs/prod.yaml")))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("'$values/envs/prod.yaml' of web does not exist");
    }
}
