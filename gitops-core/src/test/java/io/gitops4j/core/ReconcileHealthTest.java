package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.ReconcileResult.ResourceStatus;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.kube.ResourceKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reconcile reports each resource's health and the application's, judged on the cluster after the sync. */
class ReconcileHealthTest {

    private static final ResourceKey DEPLOYMENT = new ResourceKey("apps", "Deployment", "guestbook", "guestbook-ui");
    private static final ResourceKey SERVICE = new ResourceKey("", "Service", "guestbook", "guestbook-ui");
    private static final ResourceKey CONFIG_MAP = new ResourceKey("", "ConfigMap", "guestbook", "guestbook-settings");

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private Application app;

    @BeforeEach
    void setUp() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        app = Application.builder("guestbook").repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void aFreshSyncIsProgressingUntilTheDeploymentControllerCatchesUp() {
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();

        ReconcileResult synced = gitops.reconcile(app);
        assertThat(synced.healthStatus()).isEqualTo(HealthStatus.PROGRESSING);
        assertThat(health(synced, DEPLOYMENT)).contains(Health.progressing(
                "Waiting for rollout to finish: observed deployment generation less than desired generation"));
        assertThat(health(synced, SERVICE)).contains(Health.healthy(""));
        assertThat(health(synced, CONFIG_MAP)).isEmpty();

        rolloutFinished();
        ReconcileResult later = gitops.compare(app);
        assertThat(later.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(health(later, DEPLOYMENT)).contains(Health.healthy(""));
    }

    @Test
    void luaScriptsFromArgoCdConfigurationJudgeTheirKinds() {
        HealthAssessor health = HealthAssessor.builder()
                .argoCdConfig(Map.of("resource.customizations.health.ConfigMap", """
                        if obj.data.greeting == "hello" then
                          return {status = "Degraded", message = "say something nicer"}
                        end
                        return {status = "Healthy"}
                        """))
                .build();
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).health(health).build();

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.healthStatus()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health(result, CONFIG_MAP)).contains(Health.degraded("say something nicer"));
    }

    @Test
    void resourcesNotInTheClusterAreMissingAndAnApplicationWithNothingLiveIsMissing() {
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();

        ReconcileResult compared = gitops.compare(app);

        assertThat(compared.healthStatus()).isEqualTo(HealthStatus.MISSING);
        assertThat(compared.resources()).extracting(ResourceStatus::health)
                .containsOnly(Optional.of(Health.of(HealthStatus.MISSING)));
    }

    private void rolloutFinished() {
        ObjectNode deployment = cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
        ObjectNode status = deployment.putObject("status");
        status.put("observedGeneration", deployment.at("/metadata/generation").asLong());
        status.put("replicas", 2).put("updatedReplicas", 2).put("readyReplicas", 2).put("availableReplicas", 2);
        cluster.updateStatus(deployment);
    }

    private static Optional<Health> health(ReconcileResult result, ResourceKey key) {
        return result.resources().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().health();
    }
}
