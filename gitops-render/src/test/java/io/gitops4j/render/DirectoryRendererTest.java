package io.gitops4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ManifestException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRendererTest {

    private final RepositoryRoot fixtures = RepositoryRoot.of(fixtureRoot());

    @Test
    void readsYamlJsonMultiDocumentFilesAndListsInPathOrder() {
        List<ObjectNode> objects = DirectoryRenderer.create().render(fixtures, "mixed");

        assertThat(objects).extracting(DirectoryRendererTest::kindAndName).containsExactly(
                "Namespace/shop", "Deployment/web", "Service/web", "ConfigMap/settings", "ServiceAccount/web");
    }

    @Test
    void recursesIntoSubdirectoriesOnlyWhenAsked() {
        List<ObjectNode> objects = DirectoryRenderer.create().recurse(true).render(fixtures, "mixed");

        assertThat(objects).extracting(DirectoryRendererTest::kindAndName)
                .containsExactly("Namespace/shop", "Deployment/web", "Service/web", "ConfigMap/settings",
                        "ServiceAccount/web", "Job/migrate");
    }

    @Test
    void renderingTwiceGivesTheSameResult() {
        DirectoryRenderer renderer = DirectoryRenderer.create().recurse(true);

        assertThat(renderer.render(fixtures, "mixed")).isEqualTo(renderer.render(fixtures, "mixed"));
    }

    @Test
    void aYamlFileThatIsNotAKubernetesObjectIsSkipped() {
        List<ObjectNode> objects = DirectoryRenderer.create().render(fixtures, "values-beside");

        assertThat(objects).extracting(DirectoryRendererTest::kindAndName).containsExactly("ConfigMap/app");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        assertThatThrownBy(() -> DirectoryRenderer.create().render(fixtures, "malformed"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("malformed/deployment.yaml:12: malformed YAML");
    }

    @Test
    void anObjectWithoutKindNamesTheFileAndTheLineItStartsOn() {
        assertThatThrownBy(() -> DirectoryRenderer.create().render(fixtures, "missing-kind"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("missing-kind/config.yaml:6: the object has no kind; every manifest needs apiVersion and kind");
    }

    @Test
    void aPathLeavingTheRepositoryIsRefused() {
        assertThatThrownBy(() -> DirectoryRenderer.create().render(fixtures, "mixed/../../outside"))
                .isInstanceOf(RenderException.class)
                .hasMessage("path 'mixed/../../outside' leaves the repository root; use a path inside the repository");
    }

    @Test
    void aMissingPathIsAClearError() {
        assertThatThrownBy(() -> DirectoryRenderer.create().render(fixtures, "no-such-app"))
                .isInstanceOf(RenderException.class)
                .hasMessage("path 'no-such-app' does not exist in the repository");
    }

    @Test
    void aSymbolicLinkToAFileOutsideTheRepositoryIsRefused(@TempDir Path temp) throws Exception {
        Path outside = Files.writeString(temp.resolve("secret.yaml"),
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\n");
        Path repo = Files.createDirectories(temp.resolve("repo/app"));
        Files.createSymbolicLink(repo.resolve("secret.yaml"), outside);

        assertThatThrownBy(() -> DirectoryRenderer.create().render(RepositoryRoot.of(temp.resolve("repo")), "app"))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("'app/secret.yaml' is a symbolic link to ")
                .hasMessageEndingWith("outside the repository; links may only point inside the repository");
    }

    @Test
    void aSymbolicLinkedAppDirectoryOutsideTheRepositoryIsRefused(@TempDir Path temp) throws Exception {
        Path outside = Files.createDirectories(temp.resolve("elsewhere"));
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("app"), outside);

        assertThatThrownBy(() -> DirectoryRenderer.create().render(RepositoryRoot.of(repo), "app"))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("outside the repository");
    }

    private static String kindAndName(ObjectNode object) {
        return object.get("kind").asText() + "/" + object.at("/metadata/name").asText();
    }

    private static Path fixtureRoot() {
        try {
            return Path.of(Objects.requireNonNull(DirectoryRendererTest.class.getResource("/directory")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
