package io.gitops4j.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code originAnnotations} of a resource from a remote base name the file relative to the
 * remote repository's root, the repository and the ref, as {@code kubectl kustomize} v5.7.1 writes
 * them (Kustomize's TestRemoteLoad_LocalProtocol, "has ref path timeout and origin annotation").
 */
class KustomizeRemoteOriginTest {

    @TempDir
    Path temp;

    @Test
    void aResourceOfARemoteBaseNamesItsRepositoryRefAndPathInTheRepository() throws IOException {
        Path checkout = temp.resolve("checkout");
        write(checkout.resolve("base/kustomization.yaml"), "resources: [pod.yaml]\n");
        write(checkout.resolve("base/pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: myapp-pod\n");
        write(checkout.resolve("dev/kustomization.yaml"), "resources: [../base]\nnamePrefix: dev-\n");
        Path repo = temp.resolve("repo");
        write(repo.resolve("kustomization.yaml"), "resources:\n"
                + "- https://git.example.com/team/multibase.git/dev?version=main&timeout=500\n"
                + "buildMetadata: [originAnnotations]\n");

        List<ObjectNode> objects = KustomizeRenderer.create().remoteBases((url, ref) -> checkout)
                .render(RepositoryRoot.of(repo), ".");

        assertThat(objects).singleElement().satisfies(pod -> assertThat(
                pod.at("/metadata/annotations/config.kubernetes.io~1origin").asText())
                .isEqualTo("path: base/pod.yaml\nrepo: https://git.example.com/team/multibase.git\nref: main\n"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
