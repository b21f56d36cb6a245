package io.gitops4j.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App-of-apps in embedded mode, the guides' layout: a root application whose folder holds a
 * staging child (automated, wave 0) and a production child (manual sync, wave 1).
 */
class AppOfAppsTest {

    @TempDir
    Path temp;

    private FleetFixture fixture;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void repository(boolean childHealth) {
        fixture = new FleetFixture(temp, childHealth);
        fixture.repo.write("root/staging.yaml", child("staging", 0, "automated: {prune: true}", "apps/staging"));
        fixture.repo.write("root/production.yaml", child("production", 1, "", "apps/production"));
        fixture.repo.write("apps/staging/deployment.yaml", deployment("web", 1));
        fixture.repo.write("apps/staging/config.yaml", FleetFixture.configMap("web", "staging"));
        fixture.repo.write("apps/production/deployment.yaml", deployment("web", 3));
        fixture.repo.commit("root, staging and production");
    }

    private String child(String name, int wave, String automated, String path) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: %s
                  namespace: argocd
                  annotations:
                    argocd.argoproj.io/sync-wave: "%d"
                  finalizers:
                  - resources-finalizer.argocd.argoproj.io
                spec:
                  project: default
                  source:
                    repoURL: %s
                    targetRevision: HEAD
                    path: %s
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: %s
                  syncPolicy:
                    %s
                    syncOptions: [CreateNamespace=true]
                """.formatted(name, wave, fixture.repo.url(), path, name, automated);
    }

    private static String deployment(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: %2$d
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                      - name: %1$s
                        image: nginx:1.27
                """.formatted(name, replicas);
    }

    private Application root(boolean prune) {
        return Application.builder("root").repoURL(fixture.repo.url()).path("root").destinationNamespace("argocd")
                .automated(AutomatedSync.of(prune, false)).build();
    }

    @Test
    void childrenBecomeApplicationsWaveByWaveOnceTheEarlierWaveIsSyncedAndHealthy() {
        repository(true);
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.controller.status("staging").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(fixture.controller.statuses()).as("production (wave 1) waits for staging to be healthy")
                .doesNotContainKey("production");
        ChildApplications waiting = fixture.fleet.children("root");
        assertThat(waiting.waitingFor()).hasValueSatisfying(w -> assertThat(w)
                .isEqualTo("wave 1 waits for wave 0: staging is Synced and Progressing"));
        assertThat(waiting.child("production")).hasValueSatisfying(c -> {
            assertThat(c.registered()).isFalse();
            assertThat(c.message()).isEqualTo("waiting for wave 0 to be Synced and Healthy");
        });
        assertThat(waiting.health().status()).as("the children's health counts, opted in")
                .isEqualTo(HealthStatus.MISSING);
        assertThat(fixture.controller.status("root").resources()).as("no Application reaches the cluster").isEmpty();
        assertThat(fixture.controller.status("root").conditions()).isEmpty();

        fixture.cluster.controllers().settle();
        fixture.run();

        assertThat(fixture.controller.status("staging").health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(fixture.controller.status("production").sync().status()).as("manual sync: registered, not synced")
                .isEqualTo(SyncStatusCode.OUT_OF_SYNC);
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "production", "web")).isEmpty();
        assertThat(fixture.fleet.children("root").waitingFor()).isEmpty();

        var sync = fixture.controller.sync("production", SyncRequest.defaults());
        fixture.run();
        assertThat(sync).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.SUCCEEDED);
        fixture.cluster.controllers().settle();
        fixture.run();
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "production", "web")).hasValueSatisfying(d ->
                assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3));
        assertThat(fixture.fleet.children("root").health().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void withoutChildHealthEveryWaveIsRegisteredAtOnceAsArgoCdDoes() {
        repository(false);
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.controller.statuses()).containsKeys("root", "staging", "production");
        assertThat(fixture.fleet.children("root").children()).extracting(ChildApplication::name, ChildApplication::wave)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", 0),
                        org.assertj.core.groups.Tuple.tuple("production", 1));
    }

    @Test
    void aChangedChildIsUpdatedAndARemovedOneIsDeletedWithItsResourcesWhenTheParentPrunes() {
        repository(false);
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isPresent();

        fixture.repo.write("apps/staging-v2/config.yaml", FleetFixture.configMap("web", "v2"));
        fixture.repo.write("root/staging.yaml", child("staging", 0, "automated: {prune: true}", "apps/staging-v2"));
        fixture.repo.commit("staging moves to v2");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));

        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).hasValueSatisfying(cm ->
                assertThat(cm.at("/data/value").asText()).isEqualTo("v2"));
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "staging", "web")).as("pruned by staging").isEmpty();

        fixture.repo.delete("root/staging.yaml").commit("no more staging");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));

        assertThat(fixture.controller.statuses()).containsOnlyKeys("root", "production");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).as("the child's finalizer cascades")
                .isEmpty();
    }

    @Test
    void aRemovedChildStaysWhileTheParentDoesNotPrune() {
        repository(false);
        fixture.controller.register(root(false));
        fixture.controller.start();
        fixture.run();

        fixture.repo.delete("root/staging.yaml").commit("no more staging");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));

        assertThat(fixture.controller.statuses()).containsKeys("staging", "production");
        assertThat(fixture.fleet.children("root").child("staging")).hasValueSatisfying(c ->
                assertThat(c.message()).isEqualTo("removed from Git; deleted by a sync with prune"));
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isPresent();
    }

    @Test
    void aChildWithoutTheFinalizerIsDeletedAndItsResourcesStay() {
        repository(false);
        fixture.repo.write("root/staging.yaml", child("staging", 0, "automated: {prune: true}", "apps/staging")
                .replace("  finalizers:\n  - resources-finalizer.argocd.argoproj.io\n", "")).commit("no finalizer");
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();

        fixture.repo.delete("root/staging.yaml").commit("no more staging");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));

        assertThat(fixture.controller.statuses()).doesNotContainKey("staging");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isPresent();
    }

    @Test
    void aRenderErrorOrAnUnreadableChildDeletesNothing() {
        repository(false);
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();

        fixture.repo.delete("root/staging.yaml").write("root/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [\n").commit("broken YAML");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));
        assertThat(fixture.controller.statuses()).containsKeys("staging", "production");
        assertThat(fixture.controller.status("root").conditions()).singleElement().asString()
                .contains("root/broken.yaml:4: malformed YAML");

        fixture.repo.delete("root/broken.yaml").write("root/typo.yaml", child("typo", 0, "automated: {prune: sometimes}",
                "apps/x")).commit("a child whose automated.prune is not true or false");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));

        assertThat(fixture.controller.statuses()).containsKeys("staging", "production").doesNotContainKey("typo");
        assertThat(fixture.fleet.children("root").error()).hasValueSatisfying(e -> assertThat(e)
                .contains("child Application typo", "spec.syncPolicy.automated.prune must be true or false",
                        "no child is created, changed or deleted"));
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isPresent();
    }

    @Test
    void deletingTheParentWithCascadeDeletesItsChildrenAsTheirFinalizersSay() {
        repository(false);
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isPresent();

        var deleted = fixture.fleet.delete("root", io.gitops4j.core.engine.Cascade.FOREGROUND);
        fixture.run();

        assertThat(deleted).isCompleted();
        assertThat(fixture.controller.statuses()).isEmpty();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isEmpty();
    }

    @Test
    void deletingTheParentWithoutCascadeLeavesItsChildrenRunning() {
        repository(false);
        fixture.controller.register(root(true));
        fixture.controller.start();
        fixture.run();

        var deleted = fixture.fleet.delete("root", io.gitops4j.core.engine.Cascade.NONE);
        fixture.run();

        assertThat(deleted).isCompleted();
        assertThat(fixture.controller.statuses()).containsOnlyKeys("staging", "production");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "staging", "web")).isPresent();
    }
}
