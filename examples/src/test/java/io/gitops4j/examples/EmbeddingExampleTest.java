package io.gitops4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.ReconcileResult;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user's own test looks like: a local Git repository, a fake cluster, plain assertions. */
class EmbeddingExampleTest {

    @TempDir
    Path temp;

    @Test
    void deploysWhatTheApplicationFilePointsAt() throws Exception {
        try (LocalRepository repo = LocalRepository.init(temp.resolve("config-repo"))) {
            repo.write("teams/payments/configmap.yaml", """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: payments-settings
                    data:
                      currency: EUR
                    """).commit("payments settings");
            Path applications = Files.writeString(temp.resolve("apps.yaml"), """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Application
                    metadata:
                      name: payments
                      namespace: argocd
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        targetRevision: main
                        path: teams/payments
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: default
                      syncPolicy:
                        automated: {prune: true, selfHeal: true}
                    """.formatted(repo.url()));
            FakeCluster cluster = new FakeCluster();

            List<ReconcileResult> results = new EmbeddingExample(cluster, temp.resolve("cache")).reconcileAll(applications);

            assertThat(results).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(SyncStatus.SYNCED));
            assertThat(cluster.get("v1", "ConfigMap", "default", "payments-settings").orElseThrow()
                    .at("/data/currency").asText()).isEqualTo("EUR");
        }
    }
}
