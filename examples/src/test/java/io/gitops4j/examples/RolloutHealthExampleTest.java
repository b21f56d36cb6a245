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
import io.gitops4j.test.FakeKubernetes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Testing what a rollout does to an application's health, with {@code @FakeKubernetes}: the
 * simulated controllers start pods on the ticks the test asks for, a broken image never becomes
 * ready, and the Deployment's progress deadline passes on the fake cluster's clock.
 */
class RolloutHealthExampleTest {

    @TempDir
    Path temp;

    @FakeKubernetes
    FakeCluster cluster;

    @FakeKubernetes
    ManualClock clock;

    @Test
    void aGoodImageBecomesHealthyOnceThePodsRun() throws Exception {
        try (LocalRepository repo = repository("nginx:1.27")) {
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("cache")).build();

            ReconcileResult first = gitops.reconcile(application(repo));
            assertThat(first.healthStatus()).isEqualTo(HealthStatus.PROGRESSING);

            cluster.controllers().settle();

            assertThat(gitops.reconcile(application(repo)).healthStatus()).isEqualTo(HealthStatus.HEALTHY);
        }
    }

    @Test
    void anImageThatCannotBePulledDegradesOnceTheProgressDeadlinePasses() throws Exception {
        try (LocalRepository repo = repository("shop/web:typo")) {
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("cache")).build();
            cluster.controllers().failImagePull("shop/web:typo");

            gitops.reconcile(application(repo));
            cluster.controllers().settle();
            assertThat(gitops.reconcile(application(repo)).healthStatus()).isEqualTo(HealthStatus.PROGRESSING);

            clock.advance(Duration.ofMinutes(11));
            cluster.controllers().tick();

            assertThat(gitops.reconcile(application(repo)).healthStatus()).isEqualTo(HealthStatus.DEGRADED);
        }
    }

    private LocalRepository repository(String image) throws Exception {
        LocalRepository repo = LocalRepository.init(temp.resolve("config-repo"));
        repo.write("web/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: web, image: '%s'}
                """.formatted(image)).commit("web");
        return repo;
    }

    private static Application application(LocalRepository repo) {
        return Application.builder("web").repoURL(repo.url()).path("web").destinationNamespace("default")
                .automated(AutomatedSync.of(true, true)).build();
    }
}
