package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomize's root-only load restriction is a security boundary: a kustomization reads files only
 * in or below its own directory, and nothing at all from outside the repository, whether named
 * with {@code ..}, an absolute path or a symbolic link.
 */
class KustomizeLoadRestrictionTest {

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: secret-data\n";

    @TempDir
    Path temp;
    private Path repo;
    private Path outside;

    @BeforeEach
    void layout() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("cm.yaml"), CONFIG_MAP);
        Files.writeString(outside.resolve("kustomization.yaml"), "resources: [cm.yaml]\n");
        Files.writeString(outside.resolve("password.txt"), "hunter2");
        write("shared/cm.yaml", CONFIG_MAP);
    }

    @Test
    void aFileAboveTheKustomizationIsRefusedEvenInsideTheRepository() throws IOException {
        write("app/kustomization.yaml", "resources: [../shared/cm.yaml]\n");

        assertRefused("app", "app/kustomization.yaml: security; file 'shared/cm.yaml' is not in or below 'app'");
    }

    @Test
    void anAbsolutePathOutsideTheRepositoryIsRefused() throws IOException {
        write("app/kustomization.yaml", "resources: [" + outside.resolve("cm.yaml") + "]\n");

        assertRefused("app", "security; file");
    }

    @Test
    void aSymbolicLinkToAFileOutsideTheRepositoryIsRefused() throws IOException {
        write("app/kustomization.yaml", "resources: [cm.yaml]\n");
        Files.createSymbolicLink(repo.resolve("app/cm.yaml"), outside.resolve("cm.yaml"));

        assertRefused("app", "leads outside the repository");
    }

    @Test
    void aSymbolicLinkToAFileElsewhereInTheRepositoryIsRefusedLikeKustomize() throws IOException {
        write("app/kustomization.yaml", "resources: [cm.yaml]\n");
        Files.createSymbolicLink(repo.resolve("app/cm.yaml"), repo.resolve("shared/cm.yaml"));

        assertRefused("app", "security; file 'shared/cm.yaml' is not in or below 'app'");
    }

    @Test
    void generatorFilesFollowTheSameRule() throws IOException {
        write("app/kustomization.yaml", "configMapGenerator:\n- name: stolen\n  files: [pw=../../outside/password.txt]\n");

        assertRefused("app", "security; file '../../outside/password.txt' is not in or below 'app': it leads outside the repository");
    }

    @Test
    void aBaseOutsideTheRepositoryIsRefusedWhetherNamedOrLinked() throws IOException {
        write("app/kustomization.yaml", "resources: [../../outside]\n");
        assertRefused("app", "security; directory '../../outside' is outside the repository");

        write("linked/kustomization.yaml", "resources: [base]\n");
        Files.createSymbolicLink(repo.resolve("linked/base"), outside);
        assertRefused("linked", "security; directory 'base' is outside the repository");
    }

    @Test
    void aBaseElsewhereInTheRepositoryIsAllowed() throws IOException {
        write("shared/kustomization.yaml", "resources: [cm.yaml]\n");
        write("app/kustomization.yaml", "resources: [../shared]\nnamePrefix: app-\n");

        List<ObjectNode> objects = KustomizeRenderer.create().render(RepositoryRoot.of(repo), "app");

        assertThat(objects).extracting(o -> o.at("/metadata/name").asText()).containsExactly("app-secret-data");
    }

    @Test
    void remoteBasesAreRefusedUnlessAFetcherIsConfiguredAndThenComeFromIt() throws IOException {
        write("app/kustomization.yaml", "resources:\n- https://github.com/example/bases//config/cm?ref=v1.2.0\n");
        assertRefused("app", "remote bases are disabled");

        Path checkout = Files.createDirectories(temp.resolve("checkout/config/cm"));
        Files.writeString(checkout.resolve("kustomization.yaml"), "resources: [cm.yaml]\nnamePrefix: remote-\n");
        Files.writeString(checkout.resolve("cm.yaml"), CONFIG_MAP);
        List<String> fetched = new ArrayList<>();
        KustomizeRenderer renderer = KustomizeRenderer.create().remoteBases((url, ref) -> {
            fetched.add(url + "@" + ref);
            return temp.resolve("checkout");
        });

        List<ObjectNode> objects = renderer.render(RepositoryRoot.of(repo), "app");

        assertThat(fetched).containsExactly("https://github.com/example/bases@v1.2.0");
        assertThat(objects).extracting(o -> o.at("/metadata/name").asText()).containsExactly("remote-secret-data");
    }

    @Test
    void withoutTheRestrictionAFileAboveTheKustomizationIsReadButNothingOutsideTheRepository() throws IOException {
        write("app/kustomization.yaml", "resources: [../shared/cm.yaml]\n");
        KustomizeRenderer unrestricted = KustomizeRenderer.create().loadRestrictor(LoadRestrictor.NONE);

        assertThat(unrestricted.render(RepositoryRoot.of(repo), "app"))
                .extracting(o -> o.at("/metadata/name").asText()).containsExactly("secret-data");

        write("app/kustomization.yaml", "configMapGenerator:\n- name: stolen\n  files: [pw=../../outside/password.txt]\n");
        assertThatThrownBy(() -> unrestricted.render(RepositoryRoot.of(repo), "app"))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("it leads outside the repository");
        write("app/kustomization.yaml", "resources: [cm.yaml]\n");
        Files.createSymbolicLink(repo.resolve("app/cm.yaml"), outside.resolve("cm.yaml"));
        assertThatThrownBy(() -> unrestricted.render(RepositoryRoot.of(repo), "app"))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("leads outside the repository");
    }

    private void assertRefused(String path, String message) {
        assertThatThrownBy(() -> KustomizeRenderer.create().render(RepositoryRoot.of(repo), path))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining(message);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
