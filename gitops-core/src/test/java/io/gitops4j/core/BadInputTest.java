package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.GitException;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.render.source.RenderException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never touches the cluster: after a successful sync (so there is something that could
 * be pruned), each broken source fails with a clear error and the cluster is exactly as before,
 * resourceVersions included, even with automated prune on.
 */
class BadInputTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private GitOps gitops;
    private Application app;
    private List<ObjectNode> synced;

    @BeforeEach
    void syncTheAppOnce() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        app = Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();
        gitops.reconcile(app);
        synced = cluster.objects();
    }

    @AfterEach
    void clusterIsUntouched() {
        assertThat(cluster.objects()).isEqualTo(synced);
        repo.close();
    }

    @Test
    void aRepositoryThatDoesNotExist() {
        String missing = temp.resolve("does-not-exist").toUri().toString();
        Application moved = app.withSource(new ApplicationSource(missing, "HEAD", GuestbookRepository.PATH, null));

        assertThatThrownBy(() -> gitops.reconcile(moved))
                .isInstanceOf(GitException.class)
                .hasMessage("cannot fetch " + missing + ": the repository does not exist; check spec.source.repoURL");
    }

    @Test
    void aRevisionThatDoesNotExist() {
        Application pinned = app.withSource(app.source().withTargetRevision("release-42"));

        assertThatThrownBy(() -> gitops.reconcile(pinned))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("revision 'release-42' not found in " + repo.url());
    }

    @Test
    void aMalformedYamlFileNamesTheFileAndLine() {
        repo.write(GuestbookRepository.PATH + "/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: guestbook-ui
                spec:
                  ports:
                  - port: 80
                   targetPort: 80
                """).commit("break the service");

        assertThatThrownBy(() -> gitops.reconcile(app))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("apps/guestbook/service.yaml:8: malformed YAML");
    }

    @Test
    void aPathOutsideTheRepository() {
        Application escaping = app.withSource(app.source().withPath("apps/../../.."));

        assertThatThrownBy(() -> gitops.reconcile(escaping))
                .isInstanceOf(RenderException.class)
                .hasMessage("path 'apps/../../..' leaves the repository root; use a path inside the repository");
    }

    @Test
    void aPathThatDoesNotExist() {
        Application typo = app.withSource(app.source().withPath("apps/guestbok"));

        assertThatThrownBy(() -> gitops.reconcile(typo))
                .isInstanceOf(RenderException.class)
                .hasMessage("path 'apps/guestbok' does not exist in the repository");
    }

    @Test
    void aManifestWithoutAKind() {
        repo.write(GuestbookRepository.PATH + "/extra.yaml", "apiVersion: v1\nmetadata:\n  name: nameless-kind\n")
                .commit("add a broken manifest");

        assertThatThrownBy(() -> gitops.reconcile(app))
                .isInstanceOf(ManifestException.class)
                .hasMessage("apps/guestbook/extra.yaml:1: the object has no kind; every manifest needs apiVersion and kind");
    }
}
