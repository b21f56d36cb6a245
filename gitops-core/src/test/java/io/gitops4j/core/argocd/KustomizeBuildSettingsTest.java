package io.gitops4j.core.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.render.kustomize.KustomizeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kustomize.buildOptions} of {@code argocd-cm} turns Kustomize's external plugins on for
 * the Applications GitOps renders, as Argo CD passes the flags to {@code kustomize build}; without
 * it an exec KRM function is refused and nothing is applied.
 */
class KustomizeBuildSettingsTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private Application app;

    @BeforeEach
    void setUp() throws Exception {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        repo = LocalRepository.init(temp.resolve("repo"));
        repo.write("app/kustomization.yaml", "generators:\n- fn.yaml\n");
        repo.write("app/fn.yaml", """
                apiVersion: example.com/v1
                kind: Greeting
                metadata:
                  name: hello
                  annotations:
                    config.kubernetes.io/function: |
                      exec:
                        path: ./generate.sh
                """);
        repo.write("app/generate.sh", "#!/bin/sh\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: greeting\\n'\n");
        Files.setPosixFilePermissions(repo.directory().resolve("app/generate.sh"),
                PosixFilePermissions.fromString("rwxr-xr-x"));
        repo.commit("an exec KRM function");
        app = Application.builder("greeter").repoURL(repo.url()).path("app").destinationNamespace("shop").build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void buildOptionsWithThePluginFlagsLetTheFunctionRun() {
        GitOps gitops = KustomizeBuildSettings.fromData(Map.of(KustomizeBuildSettings.KEY,
                "--enable-alpha-plugins --enable-exec")).applyTo(GitOps.builder().cluster(cluster)
                .workDir(temp.resolve("work"))).build();

        assertThat(gitops.sync(app, SyncRequest.defaults()).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(cluster.get("v1", "ConfigMap", "shop", "greeting")).isPresent();
    }

    @Test
    void withoutThemTheFunctionIsRefusedNamingTheFlag() {
        GitOps gitops = KustomizeBuildSettings.fromData(Map.of()).applyTo(GitOps.builder().cluster(cluster)
                .workDir(temp.resolve("work"))).build();

        assertThatThrownBy(() -> gitops.sync(app, SyncRequest.defaults()))
                .isInstanceOf(KustomizeException.class)
                .hasMessageStartingWith("app/kustomization.yaml: ")
                .hasMessageContaining("--enable-alpha-plugins");
        assertThat(cluster.get("v1", "ConfigMap", "shop", "greeting")).isEmpty();
    }

    @Test
    void anUnsupportedFlagNamesTheKey() {
        assertThatThrownBy(() -> KustomizeBuildSettings.fromData(Map.of(KustomizeBuildSettings.KEY,
                "--enable-helm --helm-command /usr/local/bin/helm")))
                .isInstanceOf(ArgoCdSettingsException.class)
                .hasMessageContaining("argocd-cm kustomize.buildOptions: '--helm-command' is not supported");
    }
}
