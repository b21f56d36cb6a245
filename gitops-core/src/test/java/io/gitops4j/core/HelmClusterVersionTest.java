package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.fake.FakeCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart rendered for a cluster sees that cluster's Kubernetes version as
 * {@code .Capabilities.KubeVersion}, as Argo CD passes the destination's version to
 * {@code helm template --kube-version}; the source's {@code helm.kubeVersion} wins over it.
 */
class HelmClusterVersionTest {

    @TempDir
    Path temp;

    private LocalRepository repo;

    @BeforeEach
    void chart() {
        repo = LocalRepository.init(temp.resolve("repo"));
        repo.write("chart/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        repo.write("chart/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: capabilities
                data:
                  version: {{ .Capabilities.KubeVersion.Version | quote }}
                  {{- if semverCompare ">=1.30" .Capabilities.KubeVersion.Version }}
                  api: new
                  {{- else }}
                  api: old
                  {{- end }}
                """);
        repo.commit("a chart that branches on the cluster's version");
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private Application app(String helm) {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: web}
                spec:
                  source:
                    repoURL: %s
                    path: chart
                    %s
                  destination: {namespace: default}
                  syncPolicy: {automated: {}}
                """.formatted(repo.url(), helm), "web.yaml");
    }

    private String render(FakeCluster cluster, Application app, String key) {
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work-" + System.identityHashCode(cluster)))
                .build();
        gitops.reconcile(app);
        return cluster.get("v1", "ConfigMap", "default", "capabilities").orElseThrow().at("/data/" + key).asText();
    }

    @Test
    void anOlderClusterGetsTheOlderBranchOfTheChart() {
        FakeCluster old = FakeCluster.builder().kubernetesVersion("1.29").build();

        assertThat(render(old, app(""), "api")).isEqualTo("old");
        assertThat(old.get("v1", "ConfigMap", "default", "capabilities").orElseThrow().at("/data/version").asText())
                .isEqualTo("v1.29.0");
    }

    @Test
    void aNewerClusterGetsTheNewerBranch() {
        assertThat(render(FakeCluster.builder().kubernetesVersion("1.31").build(), app(""), "version"))
                .isEqualTo("v1.31.0");
    }

    @Test
    void theSourcesOwnKubeVersionWinsOverTheClusters() {
        FakeCluster old = FakeCluster.builder().kubernetesVersion("1.29").build();

        assertThat(render(old, app("helm: {kubeVersion: '1.33.1'}"), "api")).isEqualTo("new");
    }
}
