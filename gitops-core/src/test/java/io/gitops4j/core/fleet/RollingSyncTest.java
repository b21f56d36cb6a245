package io.gitops4j.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSets;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.k8s.health.HealthStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progressive syncs: the Argo CD documentation's example, dev first, then qa, then prod with
 * {@code maxUpdate}; each step waits for the earlier steps' applications to be Healthy.
 */
class RollingSyncTest {

    @TempDir
    Path temp;

    private FleetFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new FleetFixture(temp, false);
        for (String cluster : new String[] {"dev", "qa", "prod-eu", "prod-us"}) {
            fixture.repo.write("guestbook/" + cluster + "/deployment.yaml", """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: guestbook
                    spec:
                      replicas: 1
                      selector:
                        matchLabels: {app: guestbook}
                      template:
                        metadata:
                          labels: {app: guestbook}
                        spec:
                          containers:
                          - name: guestbook
                            image: nginx:1.27
                    """);
        }
        fixture.repo.commit("guestbook");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private ApplicationSet set() {
        return ApplicationSets.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: guestbook
                  namespace: argocd
                spec:
                  generators:
                  - list:
                      elements:
                      - {cluster: dev, env: env-dev}
                      - {cluster: qa, env: env-qa}
                      - {cluster: prod-eu, env: env-prod}
                      - {cluster: prod-us, env: env-prod}
                  strategy:
                    type: RollingSync
                    rollingSync:
                      steps:
                      - matchExpressions:
                        - {key: envLabel, operator: In, values: [env-dev]}
                      - matchExpressions:
                        - {key: envLabel, operator: In, values: [env-qa]}
                      - matchExpressions:
                        - {key: envLabel, operator: In, values: [env-prod]}
                        maxUpdate: 50%%
                  template:
                    metadata:
                      name: 'guestbook-{{cluster}}'
                      labels:
                        envLabel: '{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        targetRevision: HEAD
                        path: 'guestbook/{{cluster}}'
                      destination:
                        namespace: '{{cluster}}'
                      syncPolicy:
                        automated: {prune: true, selfHeal: true}
                        syncOptions: [CreateNamespace=true]
                """.formatted(fixture.repo.url()), "guestbook.yaml");
    }

    private String progressive(ApplicationSetReconciler sets, String app) {
        return sets.status("argocd/guestbook").applicationStatus(app).orElseThrow().status();
    }

    private boolean deployed(String namespace) {
        return fixture.cluster.get("apps/v1", "Deployment", namespace, "guestbook").isPresent();
    }

    @Test
    void eachStepWaitsForTheEarlierStepsToBeHealthyAndProdSyncsHalfAtATime() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(set());
        fixture.controller.start();
        fixture.run();

        assertThat(deployed("dev")).isTrue();
        assertThat(deployed("qa")).as("qa waits for dev to be Healthy, and its automated sync is off").isFalse();
        assertThat(fixture.controller.status("guestbook-qa").sync().status()).isEqualTo(SyncStatusCode.OUT_OF_SYNC);
        assertThat(progressive(sets, "guestbook-dev")).isEqualTo(ApplicationSetApplicationStatus.PROGRESSING);
        assertThat(progressive(sets, "guestbook-qa")).isEqualTo(ApplicationSetApplicationStatus.WAITING);
        assertThat(sets.status("argocd/guestbook").applicationStatus("guestbook-prod-us")).hasValueSatisfying(s ->
                assertThat(s.step()).isEqualTo(3));

        fixture.cluster.controllers().settle();
        fixture.run();

        assertThat(progressive(sets, "guestbook-dev")).isEqualTo(ApplicationSetApplicationStatus.HEALTHY);
        assertThat(deployed("qa")).isTrue();
        assertThat(deployed("prod-eu") || deployed("prod-us")).isFalse();

        fixture.cluster.controllers().settle();
        fixture.run();

        assertThat(deployed("prod-eu")).as("maxUpdate 50%% of two: one prod app at a time").isTrue();
        assertThat(deployed("prod-us")).isFalse();
        assertThat(progressive(sets, "guestbook-prod-us")).isEqualTo(ApplicationSetApplicationStatus.WAITING);

        fixture.cluster.controllers().settle();
        fixture.run();
        assertThat(deployed("prod-us")).isTrue();
        fixture.cluster.controllers().settle();
        fixture.run();

        assertThat(sets.status("argocd/guestbook").applicationStatus()).extracting(ApplicationSetApplicationStatus::status)
                .containsOnly(ApplicationSetApplicationStatus.HEALTHY);
        assertThat(fixture.controller.status("guestbook-prod-us").health().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void aRolloutRegisteredWithTheStatusOfAControllerBeforeResumesThereAndAsksAPendingApplicationToSyncAgain() {
        String head = fixture.repo.commit("the commit the controller before compared");
        java.time.Instant before = java.time.Instant.parse("2026-01-01T00:00:00Z");
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(set(), java.util.List.of(
                new ApplicationSetApplicationStatus("guestbook-dev", ApplicationSetApplicationStatus.HEALTHY, 1,
                        "became Healthy", head, before),
                new ApplicationSetApplicationStatus("guestbook-qa", ApplicationSetApplicationStatus.PENDING, 2,
                        "moved to Pending", head, before)));
        fixture.controller.start();
        fixture.run();

        assertThat(deployed("qa")).as("the sync asked for before the restart may be lost: asked again").isTrue();
        assertThat(deployed("dev")).as("step 1 was done; it is not rolled out again").isFalse();
        assertThat(progressive(sets, "guestbook-dev")).isEqualTo(ApplicationSetApplicationStatus.HEALTHY);
        assertThat(deployed("prod-eu") || deployed("prod-us")).as("step 3 waits for qa").isFalse();
    }

    @Test
    void aChangeInGitRollsOutStepByStepAgain() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(set());
        fixture.controller.start();
        for (int i = 0; i < 5; i++) {
            fixture.cluster.controllers().settle();
            fixture.run();
        }
        assertThat(sets.status("argocd/guestbook").applicationStatus()).extracting(ApplicationSetApplicationStatus::status)
                .containsOnly(ApplicationSetApplicationStatus.HEALTHY);

        for (String cluster : new String[] {"dev", "qa", "prod-eu", "prod-us"}) {
            fixture.repo.write("guestbook/" + cluster + "/config.yaml", FleetFixture.configMap("settings", "v2"));
        }
        fixture.repo.commit("settings v2");
        fixture.advance(FleetFixture.INTERVAL.plusSeconds(1));

        assertThat(fixture.cluster.get("v1", "ConfigMap", "dev", "settings")).isPresent();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "qa", "settings")).as("qa waits for dev again")
                .isEmpty();
    }
}
