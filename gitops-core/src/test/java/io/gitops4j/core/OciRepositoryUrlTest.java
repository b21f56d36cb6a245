package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.model.Application;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.GitOpsException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code oci://} repoURL without a chart (Argo CD's OCI source form of a Helm chart) is read
 * from the registry, never handed to Git; a registry that cannot be reached reaches the caller as
 * a {@code GitOpsException} naming the repository (before, JGit's "URI not supported" with advice
 * to check the URL and credentials), and changes nothing in the cluster.
 */
class OciRepositoryUrlTest {

    @TempDir
    Path temp;

    @Test
    void anOciSourceIsReadFromTheRegistryAndAnUnreachableOneIsAGitOpsExceptionNamingIt() {
        FakeCluster cluster = new FakeCluster();
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        Application app = Application.builder("shop").repoURL("oci://127.0.0.1:1/org/shop").path(".")
                .destinationNamespace("shop").build();

        assertThatThrownBy(() -> gitops.reconcile(app)).isInstanceOf(GitOpsException.class)
                .hasMessageContaining("127.0.0.1:1/org/shop").hasMessageContaining("cannot connect")
                .hasMessageNotContaining("Git");
        assertThat(cluster.get("v1", "Namespace", "", "shop")).isEmpty();
    }
}
