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
 * An {@code oci://} repoURL without a chart (Argo CD 3.1's OCI sources, which GitOps4J does not
 * fetch) reaches the caller as a {@code GitOpsException} naming the repository and saying what
 * GitOps4J reads from OCI registries (before, JGit's "URI not supported" with advice to check the
 * URL and credentials), and changes nothing in the cluster.
 */
class OciRepositoryUrlTest {

    @TempDir
    Path temp;

    @Test
    void anOciSourceIsAGitOpsExceptionNamingTheRepository() {
        FakeCluster cluster = new FakeCluster();
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        Application app = Application.builder("shop").repoURL("oci://registry.example.com/org/shop").path(".")
                .destinationNamespace("shop").build();

        assertThatThrownBy(() -> gitops.reconcile(app)).isInstanceOf(GitOpsException.class)
                .hasMessage("cannot fetch oci://registry.example.com/org/shop: an OCI registry is not a Git repository; "
                        + "GitOps4J reads manifests from Git, and Helm charts from OCI registries when spec.source.chart "
                        + "names the chart (with targetRevision its version); Argo CD's OCI sources of plain manifests "
                        + "are not supported");
        assertThat(cluster.get("v1", "Namespace", "", "shop")).isEmpty();
    }
}
