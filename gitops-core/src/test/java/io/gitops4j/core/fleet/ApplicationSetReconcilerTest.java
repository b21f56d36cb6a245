package io.gitops4j.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSets;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.engine.UnknownApplicationException;
import io.gitops4j.k8s.health.HealthStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ApplicationSet reconciler: generate, then create, update and delete as the policy says. */
class ApplicationSetReconcilerTest {

    private static final List<String> SERVICES = List.of("billing", "checkout", "search");
    private static final List<String> ENVIRONMENTS = List.of("staging", "production");

    @TempDir
    Path temp;

    private FleetFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new FleetFixture(temp, false);
        for (String service : SERVICES) {
            for (String env : ENVIRONMENTS) {
                fixture.repo.write("services/" + service + "/" + env + "/config.yaml",
                        FleetFixture.configMap(service + "-config", env));
            }
        }
        fixture.repo.commit("services");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** The guides' matrix: services x environments, one Application each. */
    private ApplicationSet matrix(List<String> services, String policy, boolean preserve) {
        return matrix(services, policy, preserve, true);
    }

    private ApplicationSet matrix(List<String> services, String policy, boolean preserve, boolean selfHeal) {
        String elements = String.join("", services.stream().map(s -> "\n              - service: " + s).toList());
        return ApplicationSets.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: services
                  namespace: argocd
                spec:
                  generators:
                  - matrix:
                      generators:
                      - list:
                          elements:%s
                      - list:
                          elements:
                          - env: staging
                          - env: production
                  template:
                    metadata:
                      name: '{{service}}-{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        targetRevision: HEAD
                        path: 'services/{{service}}/{{env}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{service}}-{{env}}'
                      syncPolicy:
                        automated: {prune: true, selfHeal: %s}
                        syncOptions: [CreateNamespace=true]
                  syncPolicy:
                    applicationsSync: %s
                    preserveResourcesOnDeletion: %s
                """.formatted(elements, fixture.repo.url(), selfHeal, policy, preserve), "services.yaml");
    }

    @Test
    void theMatrixOfThreeServicesAndTwoEnvironmentsGivesSixAppsSyncedOnTheCluster() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        ApplicationSetStatus status = sets.register(matrix(SERVICES, "sync", false));
        fixture.controller.start();
        fixture.run();

        assertThat(status.applications()).containsExactly("billing-production", "billing-staging",
                "checkout-production", "checkout-staging", "search-production", "search-staging");
        assertThat(status.lastChanges().created()).hasSize(6);
        assertThat(status.error()).isEmpty();
        for (String service : SERVICES) {
            for (String env : ENVIRONMENTS) {
                ApplicationStatus app = fixture.controller.status(service + "-" + env);
                assertThat(app.sync().status()).as(service + "-" + env).isEqualTo(SyncStatusCode.SYNCED);
                assertThat(app.health().status()).isEqualTo(HealthStatus.HEALTHY);
                assertThat(fixture.cluster.get("v1", "ConfigMap", service + "-" + env, service + "-config"))
                        .as("path services/%s/%s synced into namespace %s-%s", service, env, service, env)
                        .hasValueSatisfying(cm -> assertThat(cm.at("/data/value").asText()).isEqualTo(env));
            }
        }
    }

    @Test
    void generatingAgainWithNothingChangedWritesNothing() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "sync", false));
        fixture.controller.start();
        fixture.run();
        int eventsBefore = fixture.events.size();

        ApplicationSetStatus again = sets.reconcile("argocd/services");
        fixture.run();

        assertThat(again.lastChanges().writes()).isZero();
        assertThat(again.lastChanges().unchanged()).hasSize(6);
        assertThat(fixture.events).hasSize(eventsBefore);
    }

    @Test
    void aRemovedElementDeletesItsAppAndItsResourcesUnderSync() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "sync", false));
        fixture.controller.start();
        fixture.run();

        ApplicationSetStatus status = sets.register(matrix(List.of("billing", "checkout"), "sync", false));
        fixture.run();

        assertThat(status.lastChanges().deleted()).containsExactly("search-production", "search-staging");
        assertThat(fixture.controller.statuses()).doesNotContainKeys("search-production", "search-staging")
                .containsKeys("billing-staging", "checkout-production");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "search-staging", "search-config"))
                .as("the finalizer deletes the app's resources with it").isEmpty();
    }

    @Test
    void aRemovedElementKeepsItsAppUnderCreateUpdate() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "create-update", false));
        fixture.controller.start();
        fixture.run();

        ApplicationSetStatus status = sets.register(matrix(List.of("billing", "checkout"), "create-update", false));
        fixture.run();

        assertThat(status.lastChanges().deleted()).isEmpty();
        assertThat(status.applications()).contains("search-staging", "search-production");
        assertThat(fixture.controller.status("search-staging").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(status.condition(ApplicationSetCondition.RESOURCES_UP_TO_DATE)).hasValueSatisfying(c -> {
            assertThat(c.status()).isFalse();
            assertThat(c.message()).contains("search-staging is no longer generated; applicationsSync create-update"
                    + " does not delete");
        });
    }

    @Test
    void preserveResourcesOnDeletionLeavesTheResourcesOfADeletedApp() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "sync", true));
        fixture.controller.start();
        fixture.run();

        sets.register(matrix(List.of("billing"), "sync", true));
        fixture.run();

        assertThat(fixture.controller.statuses()).doesNotContainKey("search-staging");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "search-staging", "search-config")).isPresent();
    }

    @Test
    void createOnlyNeitherUpdatesNorDeletesAndCreateDeleteDeletesWithoutUpdating() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "create-only", false, true));
        fixture.controller.start();
        fixture.run();

        ApplicationSetStatus createOnly = sets.register(matrix(List.of("billing"), "create-only", false, false));

        assertThat(createOnly.lastChanges().writes()).isZero();
        assertThat(createOnly.lastChanges().skipped()).contains("billing-staging", "search-staging");
        assertThat(fixture.controller.statuses()).hasSize(6);

        ApplicationSetStatus createDelete = sets.register(matrix(List.of("billing"), "create-delete", false, false));
        fixture.run();

        assertThat(createDelete.lastChanges().updated()).isEmpty();
        assertThat(createDelete.lastChanges().skipped()).containsExactly("billing-staging", "billing-production");
        assertThat(createDelete.lastChanges().deleted()).hasSize(4);
        assertThat(fixture.controller.statuses()).containsOnlyKeys("billing-staging", "billing-production");

        ApplicationSetStatus sync = sets.register(matrix(List.of("billing"), "sync", false, false));

        assertThat(sync.lastChanges().updated()).containsExactly("billing-staging", "billing-production");
        assertThat(sync.condition(ApplicationSetCondition.RESOURCES_UP_TO_DATE)).hasValueSatisfying(c ->
                assertThat(c.status()).isTrue());
    }

    @Test
    void aTemplateErrorNamesGeneratorParameterSetAndFieldAndDeletesNothing() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "sync", false));
        fixture.controller.start();
        fixture.run();
        ApplicationSet broken = ApplicationSets.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: services
                  namespace: argocd
                spec:
                  goTemplate: true
                  goTemplateOptions: [missingkey=error]
                  generators:
                  - list:
                      elements:
                      - service: billing
                  template:
                    metadata:
                      name: '{{ .service }}-staging'
                    spec:
                      project: default
                      source:
                        repoURL: %s
                        path: 'services/{{ .service }}/{{ .env }}'
                      destination:
                        namespace: '{{ .service }}'
                """.formatted(fixture.repo.url()), "broken.yaml");

        ApplicationSetStatus status = sets.register(broken);
        fixture.run();

        assertThat(status.error()).hasValueSatisfying(message -> assertThat(message)
                .contains("ApplicationSet argocd/services", "spec.generators[0].list", "parameter set 0",
                        "\"service\":\"billing\"", "spec.source.path", "map has no entry for key \"env\""));
        assertThat(status.lastChanges()).isEqualTo(FleetChanges.NONE);
        assertThat(status.applications()).hasSize(6);
        assertThat(fixture.controller.statuses()).hasSize(6);
        assertThat(fixture.cluster.get("v1", "ConfigMap", "search-staging", "search-config")).isPresent();
    }

    @Test
    void anAppOfTheSameNameRegisteredOtherwiseIsNotTakenOver() {
        io.gitops4j.core.model.Application mine = io.gitops4j.core.model.Application.builder("billing-staging")
                .repoURL(fixture.repo.url()).path("services/billing/production").destinationNamespace("mine").build();
        fixture.controller.register(mine);
        ApplicationSetReconciler sets = fixture.applicationSets();

        ApplicationSetStatus status = sets.register(matrix(SERVICES, "sync", false));

        assertThat(status.lastChanges().skipped()).containsExactly("billing-staging");
        assertThat(status.skipped()).singleElement().asString().contains("not taken over");
        assertThat(status.applications()).doesNotContain("billing-staging").hasSize(5);

        sets.register(matrix(List.of("checkout"), "sync", false));
        assertThat(fixture.controller.statuses()).containsKey("billing-staging");
    }

    @Test
    void deletingTheSetDeletesItsApps() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(matrix(SERVICES, "create-only", false));
        fixture.controller.start();
        fixture.run();

        sets.delete("argocd/services");
        fixture.run();

        assertThat(fixture.controller.statuses()).isEmpty();
        assertThat(fixture.cluster.get("v1", "ConfigMap", "billing-staging", "billing-config")).isEmpty();
        assertThatThrownBy(() -> sets.status("argocd/services")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixture.controller.status("billing-staging"))
                .isInstanceOf(UnknownApplicationException.class);
    }
}
