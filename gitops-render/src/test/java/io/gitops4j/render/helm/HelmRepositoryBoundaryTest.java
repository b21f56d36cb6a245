package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart reads nothing from outside the repository: a {@code .Files} file or a template that is
 * a symbolic link out of it is refused, naming it, and so are values files; links that stay inside
 * the repository work, as in Helm.
 */
class HelmRepositoryBoundaryTest {

    private static final HelmRenderer HELM = HelmRenderer.create();
    private static final HelmOptions OPTIONS = HelmOptions.DEFAULTS.withReleaseName("shop");

    @TempDir
    Path temp;
    private Path repo;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("token"), "s3cr3t-host-token");
        Files.writeString(outside.resolve("secret.yaml"),
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: host\nstringData:\n  token: s3cr3t-host-token\n");
        write("chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n");
        write("chart/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: files\n"
                + "data:\n  token: {{ .Files.Get \"token\" | quote }}\n");
    }

    @AfterAll
    static void stopHelm() {
        HELM.close();
    }

    @Test
    void aChartFileLinkedOutsideTheRepositoryIsRefusedNotReadWithFilesGet() throws IOException {
        Files.createSymbolicLink(repo.resolve("chart/token"), outside.resolve("token"));

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("'chart/token' is a symbolic link to " + outside.toRealPath().resolve("token")
                        + ", outside the repository")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aTemplateLinkedOutsideTheRepositoryIsRefused() throws IOException {
        Files.createSymbolicLink(repo.resolve("chart/templates/host.yaml"), outside.resolve("secret.yaml"));

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("'chart/templates/host.yaml' is a symbolic link to ")
                .hasMessageContaining("outside the repository");
    }

    @Test
    void aLinkedDirectoryOutsideTheRepositoryIsRefused() throws IOException {
        Files.createSymbolicLink(repo.resolve("chart/files"), outside);

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("'chart/files' is a symbolic link to ");
    }

    @Test
    void linksThatStayInsideTheRepositoryAreFollowedAsHelmDoes() throws IOException {
        write("shared/token", "shared-token");
        write("shared/templates/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
        Files.createSymbolicLink(repo.resolve("chart/token"), Path.of("../shared/token"));
        Files.createSymbolicLink(repo.resolve("chart/templates/shared"), repo.resolve("shared/templates"));

        List<ObjectNode> objects = HELM.render(RepositoryRoot.of(repo), "chart", OPTIONS);

        assertThat(objects).extracting(o -> o.at("/metadata/name").asText()).containsExactly("files", "extra");
        assertThat(objects.get(0).at("/data/token").asText()).isEqualTo("shared-token");
    }

    @Test
    void aLinkCycleIsRefused() throws IOException {
        Files.writeString(repo.resolve("chart/token"), "t");
        Files.createSymbolicLink(repo.resolve("chart/templates/loop"), repo.resolve("chart"));

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("'chart/templates/loop' is a symbolic link to a directory that contains it; a chart may "
                        + "not hold a link cycle");
    }

    @Test
    void aValuesFileLinkedOutsideTheRepositoryIsRefused() throws IOException {
        Files.writeString(repo.resolve("chart/token"), "t");
        Files.createSymbolicLink(repo.resolve("chart/prod.yaml"), outside.resolve("secret.yaml"));
        HelmOptions options = new HelmOptions(List.of("prod.yaml"), false, "", null, List.of(), "shop", "", "",
                List.of(), false, false);

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", options))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("'chart/prod.yaml' is a symbolic link to ");
    }

    @Test
    void aValuesFileThatIsNotUtf8IsNamedWithTheByteOffset() throws IOException {
        Files.writeString(repo.resolve("chart/token"), "t");
        Files.write(repo.resolve("chart/prod.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        HelmOptions options = new HelmOptions(List.of("prod.yaml"), false, "", null, List.of(), "shop", "", "",
                List.of(), false, false);

        assertThatThrownBy(() -> HELM.render(RepositoryRoot.of(repo), "chart", options))
                .isInstanceOf(HelmException.class)
                .hasMessage("chart/prod.yaml is not valid UTF-8: byte 0xE9 at byte offset 9 (line 1) is not part of a "
                        + "UTF-8 character; convert it to UTF-8");
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
