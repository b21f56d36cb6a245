package io.gitops4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.GitOps;
import io.gitops4j.core.ReconcileResult;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.test.FakeKubernetes;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync with a PreSync hook and two waves, in a user's unit test: the {@code GitOps} that
 * {@code @FakeKubernetes} hands out waits for the hook Job and for each wave's health by moving
 * the fake cluster's clock and running its simulated controllers, never by sleeping, so the whole
 * sync runs in milliseconds while its waits and timeouts still play out on the cluster's clock.
 */
class MultiWaveSyncExampleTest {

    @TempDir
    Path temp;

    @FakeKubernetes
    FakeCluster cluster;

    @FakeKubernetes
    ManualClock clock;

    @Test
    void aTwoWaveAppWithAHookSyncsOnTheFakeClustersClock(@FakeKubernetes GitOps gitops) throws Exception {
        try (LocalRepository repo = LocalRepository.init(temp.resolve("config-repo"))) {
            repo.write("shop/migrate.yaml", """
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: migrate
                      annotations:
                        argocd.argoproj.io/hook: PreSync
                        argocd.argoproj.io/hook-delete-policy: HookSucceeded
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: migrate, image: 'shop/migrate:1.0'}]
                    """).write("shop/database.yaml", """
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata:
                      name: db
                      annotations: {argocd.argoproj.io/sync-wave: "0"}
                    spec:
                      serviceName: db
                      replicas: 1
                      selector: {matchLabels: {app: db}}
                      template:
                        metadata: {labels: {app: db}}
                        spec:
                          containers: [{name: db, image: 'postgres:17'}]
                    """).write("shop/web.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      annotations: {argocd.argoproj.io/sync-wave: "1"}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers: [{name: web, image: 'shop/web:2.3'}]
                    """).commit("shop: migration hook, database, web");
            Application shop = Application.builder("shop").repoURL(repo.url()).path("shop")
                    .destinationNamespace("default").automated(AutomatedSync.of(true, false)).build();
            Instant start = clock.instant();

            ReconcileResult result = gitops.reconcile(shop);

            assertThat(result.syncFailed()).as("%s", result.sync()).isFalse();
            assertThat(result.status()).isEqualTo(SyncStatus.SYNCED);
            assertThat(result.sync().orElseThrow().resources()).extracting(r -> r.key().name())
                    .containsExactly("migrate", "db", "web");
            assertThat(cluster.get("batch/v1", "Job", "default", "migrate")).as("deleted once it succeeded").isEmpty();
            Instant dbCreated = created("apps/v1", "StatefulSet", "db");
            assertThat(dbCreated).as("the hook ran first, its Job completing on the cluster's clock").isAfter(start);
            assertThat(created("apps/v1", "Deployment", "web"))
                    .as("wave 1 waited on the cluster's clock until wave 0 was healthy").isAfter(dbCreated);

            cluster.controllers().settle();
            assertThat(gitops.compare(shop).healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    private Instant created(String apiVersion, String kind, String name) {
        return Instant.parse(cluster.get(apiVersion, kind, "default", name).orElseThrow()
                .at("/metadata/creationTimestamp").asText());
    }
}
