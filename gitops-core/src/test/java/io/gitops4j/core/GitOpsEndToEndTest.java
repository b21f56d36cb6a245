package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.k8s.tracking.TrackingId;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart story, step by step, with the cluster's state checked after each step. */
class GitOpsEndToEndTest {

    private static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui");
    private static final ResourceKey CONFIG_MAP = new ResourceKey("", "ConfigMap", "guestbook", "guestbook-settings");

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private GitOps gitops;
    private Application app;

    @BeforeEach
    void setUp() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work"))
                .clock(Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC)).build();
        app = Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void theQuickstartStory() {
        // 1. First sync: everything Missing, then Synced.
        ReconcileResult first = gitops.reconcile(app);
        assertThat(first.before().status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(first.before().resources()).extracting(ResourceState::status).containsOnly(SyncStatus.MISSING);
        assertThat(first.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(first.applied()).hasSize(4);
        assertThat(replicas()).isEqualTo(2);
        assertThat(cluster.get("v1", "Namespace", "", "guestbook")).isPresent();
        assertThat(KubernetesObjects.annotation(deployment(), TrackingId.ANNOTATION))
                .isEqualTo("guestbook:apps/Deployment:guestbook/guestbook-ui");

        // 2. A new commit is picked up and synced.
        String scaleUp = repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(4))
                .commit("scale guestbook-ui to 4");
        ReconcileResult second = gitops.reconcile(app);
        assertThat(second.revision()).isEqualTo(scaleUp);
        assertThat(second.revisionMessage()).isEqualTo("scale guestbook-ui to 4");
        assertThat(second.before().outOfSync()).extracting(ResourceState::key).containsExactly(DEPLOYMENT);
        assertThat(second.applied()).containsExactly(DEPLOYMENT);
        assertThat(replicas()).isEqualTo(4);

        // 3. A manual change to the live object is reverted by self-heal.
        ObjectNode edited = deployment();
        ((ObjectNode) edited.get("spec")).put("replicas", 1);
        cluster.update(edited);
        ReconcileResult healed = gitops.reconcile(app);
        assertThat(healed.decision()).startsWith("self-heal");
        assertThat(healed.applied()).containsExactly(DEPLOYMENT);
        assertThat(replicas()).isEqualTo(4);

        // 4. A file removed from Git is pruned.
        repo.delete(GuestbookRepository.PATH + "/configmap.yaml").commit("drop the settings");
        ReconcileResult pruned = gitops.reconcile(app);
        assertThat(pruned.before().outOfSync()).extracting(ResourceState::key, ResourceState::status)
                .containsExactly(tuple(CONFIG_MAP, SyncStatus.EXTRANEOUS));
        assertThat(pruned.pruned()).containsExactly(CONFIG_MAP);
        assertThat(cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings")).isEmpty();

        // 5. A git revert is rolled out like any commit.
        String revert = repo.revert(scaleUp);
        ReconcileResult reverted = gitops.reconcile(app);
        assertThat(reverted.revision()).isEqualTo(revert);
        assertThat(replicas()).isEqualTo(2);
        assertThat(reverted.status()).isEqualTo(SyncStatus.SYNCED);

        // Nothing left to do, and the history tells the story: every sync of every resource; the
        // self-heal synced only the drifted Deployment, which Argo CD does not record either.
        assertThat(gitops.reconcile(app).sync()).isEmpty();
        assertThat(gitops.history("guestbook")).extracting(SyncRecord::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(gitops.history("guestbook")).allMatch(SyncRecord::succeeded);
        assertThat(gitops.history("guestbook").get(3).revision()).isEqualTo(revert);
    }

    @Test
    void ignoredDifferencesAreNotSelfHealed() {
        Application ignoringReplicas = Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                .ignoreDifferences(List.of(IgnoreRule.pointers("apps", "Deployment", "/spec/replicas"))).build();
        gitops.reconcile(ignoringReplicas);
        ObjectNode scaled = deployment();
        ((ObjectNode) scaled.get("spec")).put("replicas", 7);
        cluster.update(scaled);

        ReconcileResult result = gitops.reconcile(ignoringReplicas);

        assertThat(result.status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(result.sync()).isEmpty();
        assertThat(replicas()).isEqualTo(7);
        assertThat(gitops.reconcile(app).before().outOfSync()).extracting(ResourceState::key).containsExactly(DEPLOYMENT);
    }

    private ObjectNode deployment() {
        return cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
    }

    private int replicas() {
        return deployment().at("/spec/replicas").asInt();
    }
}
