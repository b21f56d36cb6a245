package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.GitException;
import io.gitops4j.core.git.RawCommits;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile repository through the whole facade: reconcile, sync and compare refuse it before
 * anything is rendered, nothing is written outside the Git cache, and nothing reaches the cluster.
 */
class HostileRepositoryTest {

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              greeting: hello
            """;

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private Path outside;
    private RawCommits repo;
    private GitOps gitops;
    private Application app;
    private List<ObjectNode> clusterBefore;

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("stolen.yaml"), CONFIG_MAP.replace("settings", "stolen").replace("hello", "host data"));
        repo = RawCommits.init(temp.resolve("hostile.git"));
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        app = Application.builder("hostile").repoURL(repo.url()).path("app").destinationNamespace("default")
                .automated(AutomatedSync.of(true, true)).build();
        clusterBefore = cluster.objects();
    }

    @AfterEach
    void nothingReachedTheCluster() {
        assertThat(cluster.objects()).as("the cluster, which starts with its built-in namespaces").isEqualTo(clusterBefore);
        repo.close();
    }

    @Test
    void aTreeThatWritesThroughALinkIsRefusedAndWritesNothingOutside() throws IOException {
        var pwned = repo.tree().file("pwned.yaml", CONFIG_MAP.replace("settings", "pwned"));
        var appFolder = repo.tree().file("settings.yaml", CONFIG_MAP).symlink("b", outside.toString()).tree("b", pwned);
        repo.tree().tree("app", appFolder).commit("write through a link");

        assertThatThrownBy(() -> gitops.reconcile(app))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("the path 'app/b' appears twice in the tree (a symbolic link, then a folder)");
        assertThatThrownBy(() -> gitops.sync(app, SyncRequest.builder().prune(true).build()))
                .isInstanceOf(GitException.class);
        assertThat(filesIn(outside)).containsExactly("stolen.yaml");
        assertThat(filesIn(temp)).noneMatch(path -> path.endsWith("pwned.yaml"));
    }

    @Test
    void aManifestThatIsALinkToAHostFileIsRefused() {
        Path stolen = outside.resolve("stolen.yaml");
        var appFolder = repo.tree().file("settings.yaml", CONFIG_MAP).symlink("stolen.yaml", stolen.toString());
        repo.tree().tree("app", appFolder).commit("read a host file");

        assertThatThrownBy(() -> gitops.reconcile(app))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("the symbolic link 'app/stolen.yaml' points to '" + stolen + "', outside the repository");
        assertThatThrownBy(() -> gitops.compare(app))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("outside the repository");
    }

    @Test
    void aFolderThatIsARelativeLinkOutOfTheRepositoryIsRefused() {
        repo.tree().symlink("app", "../../../../outside").commit("the app is somewhere else");

        assertThatThrownBy(() -> gitops.reconcile(app))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("the symbolic link 'app' points to '../../../../outside', outside the repository");
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(path -> folder.relativize(path).toString()).toList();
        }
    }
}
