package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.fake.Verb;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.kube.KubernetesObjects;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Argo CD Application's {@code syncPolicy} (sync options, retry, managed namespace metadata)
 * and Git's hooks and waves, through {@link GitOps#reconcile}: the quickstart repository plus a
 * PreSync migration Job, synced into a namespace the sync creates.
 */
class SyncPolicyTest {

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final FakeCluster cluster = FakeCluster.builder().clock(clock).build();
    private LocalRepository repo;
    private GitOps gitops;

    @BeforeEach
    void setUp() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        repo.delete(GuestbookRepository.PATH + "/namespace.yaml");
        repo.write(GuestbookRepository.PATH + "/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  generateName: migrate-
                  annotations:
                    argocd.argoproj.io/hook: PreSync
                    argocd.argoproj.io/hook-delete-policy: HookSucceeded
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:1"}]
                """).commit("a migration hook, and the namespace left to CreateNamespace");
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock)
                .pacer(next -> {
                    clock.set(next.isAfter(clock.instant()) ? next : clock.instant());
                    cluster.controllers().tick();
                })
                .build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Application application() {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: guestbook}
                spec:
                  source: {repoURL: %s, path: %s}
                  destination: {namespace: guestbook-prod}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                    syncOptions: [CreateNamespace=true]
                    retry: {limit: 2, backoff: {duration: 5s}}
                    managedNamespaceMetadata:
                      labels: {team: guestbook}
                """.formatted(repo.url(), GuestbookRepository.PATH), "guestbook.yaml");
    }

    @Test
    void theApplicationsSyncPolicyAndHooksApplyToReconcile() {
        cluster.faults().inject(Fault.failing(503).on(Verb.PATCH).forKind("", "Service"));

        ReconcileResult result = gitops.reconcile(application());

        SyncResult sync = result.sync().orElseThrow();
        assertThat(sync.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(sync.retries()).as("the 503 was retried").isEqualTo(1);
        assertThat(sync.resources()).extracting(r -> r.phase().displayName() + " " + r.key().kind())
                .containsExactly("PreSync Namespace", "PreSync Job", "Sync ConfigMap", "Sync Service", "Sync Deployment");
        assertThat(sync.hooks()).extracting(ResourceResult::status).containsExactly(OperationPhase.SUCCEEDED);
        assertThat(KubernetesObjects.labels(cluster.get("v1", "Namespace", "", "guestbook-prod").orElseThrow()))
                .containsEntry("team", "guestbook");
        assertThat(cluster.objects()).filteredOn(o -> KubernetesObjects.kind(o).equals("Job")).as("HookSucceeded").isEmpty();
        assertThat(result.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(result.warnings()).isEmpty();
    }
}
