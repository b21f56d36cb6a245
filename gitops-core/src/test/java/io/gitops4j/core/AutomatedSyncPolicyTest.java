package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argo CD's automated sync rules, as {@link GitOps#reconcile} applies them. */
class AutomatedSyncPolicyTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private GitOps gitops;

    @BeforeEach
    void setUp() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void withoutAutomatedSyncReconcileOnlyComparesAndSyncIsManual() {
        Application manual = app(AutomatedSync.DISABLED);

        ReconcileResult result = gitops.reconcile(manual);

        assertThat(result.sync()).isEmpty();
        assertThat(result.decision()).isEqualTo("automated sync is off");
        assertThat(result.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isEmpty();

        assertThat(gitops.sync(manual, SyncRequest.defaults()).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isPresent();
    }

    @Test
    void withoutSelfHealDriftIsReportedButNotReverted() {
        Application app = app(AutomatedSync.of(true, false));
        gitops.reconcile(app);
        ObjectNode live = cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
        ((ObjectNode) live.get("spec")).put("replicas", 7);
        cluster.update(live);

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(result.decision()).endsWith("was already synced and self-heal is off");
        assertThat(replicas()).isEqualTo(7);
    }

    @Test
    void withoutAutomatedPruneARemovedFileStaysAndIsReportedExtraneous() {
        Application app = app(AutomatedSync.of(false, true));
        gitops.reconcile(app);
        repo.delete(GuestbookRepository.PATH + "/configmap.yaml").commit("drop the settings");

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.decision()).isEqualTo("skipped: only extraneous resources to prune, and automated prune is off");
        assertThat(result.resources()).filteredOn(r -> r.status() == SyncStatus.EXTRANEOUS).hasSize(1);
        assertThat(cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isPresent();
    }

    @Test
    void aFailedSyncOfARevisionIsNotRetriedAutomatically() {
        Application app = app(AutomatedSync.of(true, true));
        gitops.reconcile(app);
        repo.write(GuestbookRepository.PATH + "/widget.yaml",
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n").commit("add a widget without its CRD");

        ReconcileResult failed = gitops.reconcile(app);
        ReconcileResult again = gitops.reconcile(app);

        assertThat(failed.syncFailed()).isTrue();
        assertThat(failed.sync().orElseThrow().message()).contains("example.com/Widget/guestbook/w");
        assertThat(again.sync()).isEmpty();
        assertThat(again.decision()).contains("failed; fix Git or sync by hand");
        assertThat(gitops.history("guestbook")).hasSize(2);
    }

    @Test
    void anEmptyRenderNeverPrunesWithoutAllowEmpty() {
        Application app = app(AutomatedSync.of(true, true));
        gitops.reconcile(app);
        int objectsBefore = cluster.objects().size();
        for (String file : new String[] {"namespace.yaml", "deployment.yaml", "service.yaml", "configmap.yaml"}) {
            repo.delete(GuestbookRepository.PATH + "/" + file);
        }
        repo.commit("oops: everything deleted");

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.decision()).startsWith("skipped: Git holds no objects");
        assertThat(result.pruned()).isEmpty();
        assertThat(cluster.objects()).hasSize(objectsBefore);
    }

    private int replicas() {
        return cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow().at("/spec/replicas").asInt();
    }

    private Application app(AutomatedSync automated) {
        return Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(automated).build();
    }
}
