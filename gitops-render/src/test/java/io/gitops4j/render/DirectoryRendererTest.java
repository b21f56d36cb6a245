package io.gitops4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRendererTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";

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

    @Test
    void aSymbolicLinkToADirectoryIsRefusedWithRecurseNamingTheLink(@TempDir Path temp) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        write(repo.resolve("shared/cm.yaml"), CONFIG_MAP);
        write(repo.resolve("app/own.yaml"), CONFIG_MAP.replace("settings", "own"));
        Files.createSymbolicLink(repo.resolve("app/shared"), repo.resolve("shared"));

        assertThatThrownBy(() -> DirectoryRenderer.create().recurse(true).render(RepositoryRoot.of(repo), "app"))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("'app/shared' is a symbolic link to a directory; links to directories are not "
                        + "followed in a directory source");
    }

    @Test
    void withoutRecurseALinkedDirectoryIsASubdirectoryLikeAnyOtherAndNotRead(@TempDir Path temp) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        write(repo.resolve("shared/cm.yaml"), CONFIG_MAP);
        write(repo.resolve("app/own.yaml"), CONFIG_MAP.replace("settings", "own"));
        Files.createSymbolicLink(repo.resolve("app/shared"), repo.resolve("shared"));

        assertThat(DirectoryRenderer.create().render(RepositoryRoot.of(repo), "app"))
                .extracting(DirectoryRendererTest::kindAndName).containsExactly("ConfigMap/own");
    }

    @Test
    void aSymbolicLinkToAFileElsewhereInTheRepositoryIsRead(@TempDir Path temp) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        write(repo.resolve("shared/cm.yaml"), CONFIG_MAP);
        Files.createDirectories(repo.resolve("app"));
        Files.createSymbolicLink(repo.resolve("app/cm.yaml"), Path.of("../shared/cm.yaml"));

        assertThat(DirectoryRenderer.create().recurse(true).render(RepositoryRoot.of(repo), "app"))
                .extracting(DirectoryRendererTest::kindAndName).containsExactly("ConfigMap/settings");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheFileAndTheByteOffset(@TempDir Path temp) throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo/app"));
        byte[] latin1 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(repo.resolve("cm.yaml"), latin1);

        assertThatThrownBy(() -> DirectoryRenderer.create().render(RepositoryRoot.of(temp.resolve("repo")), "app"))
                .isInstanceOf(RenderException.class)
                .hasMessage("app/cm.yaml is not valid UTF-8: byte 0xE9 at byte offset 52 (line 4) is not part of a "
                        + "UTF-8 character; convert it to UTF-8");
    }

    @Test
    void aJsonnetFileIsRefusedNamingItAndWhatToDoNotSilentlyLeftOut(@TempDir Path temp) throws Exception {
        Path repo = temp.resolve("repo");
        write(repo.resolve("app/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        write(repo.resolve("app/guestbook.jsonnet"), "{ apiVersion: 'v1', kind: 'Service' }\n");
        write(repo.resolve("app/lib/util.libsonnet"), "{}\n");

        assertThatThrownBy(() -> DirectoryRenderer.create().render(RepositoryRoot.of(repo), "app"))
                .isInstanceOf(RenderException.class)
                .hasMessageStartingWith("'app/guestbook.jsonnet' is Jsonnet, which Argo CD evaluates in directory "
                        + "sources but GitOps4J does not: render it through a config management plugin")
                .hasMessageContaining("exclude the file with spec.source.directory.exclude");
        assertThat(DirectoryRenderer.of(new DirectorySource(false, "", "*.jsonnet"))
                .render(RepositoryRoot.of(repo), "app"))
                .extracting(DirectoryRendererTest::kindAndName).containsExactly("ConfigMap/settings");
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
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
