package com.example.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.test.FakeKubernetes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer's own test, with the test kit. */
class PlatformReconcilerTest {

    @TempDir
    Path temp;

    @FakeKubernetes
    FakeCluster cluster;

    @Test
    void deploysTheTeamsConfig(@FakeKubernetes GitOps gitops) throws Exception {
        try (LocalRepository repo = LocalRepository.init(temp.resolve("config"))) {
            repo.write("payments/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"
                    + "data: {currency: EUR}\n").commit("payments");
            Path apps = Files.writeString(temp.resolve("apps.yaml"), """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata: {name: payments, namespace: argocd}
                    spec:
                      source: {repoURL: '%s', targetRevision: main, path: payments}
                      destination: {server: 'https://kubernetes.default.svc', namespace: default}
                      syncPolicy: {automated: {}}
                    """.formatted(repo.url()));

            var results = new PlatformReconciler(gitops).reconcile(apps);

            assertEquals(SyncStatus.SYNCED, results.get(0).status());
            assertTrue(cluster.get("v1", "ConfigMap", "default", "settings").isPresent());
        }
    }
}
