package io.gitops4j.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSets;
import io.gitops4j.core.engine.SyncStatusCode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git files generator over a repository made in the test, generated again when the repository moves. */
class GitFilesApplicationSetTest {

    @TempDir
    Path temp;

    private FleetFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new FleetFixture(temp, false);
        environment("staging", "web-staging");
        environment("production", "web-prod");
        fixture.repo.commit("two environments");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void environment(String name, String namespace) {
        fixture.repo.write("environments/" + name + "/config.json", """
                {"environment": {"name": "%s", "namespace": "%s"}, "replicas": 2}
                """.formatted(name, namespace));
        fixture.repo.write("web/" + name + "/config.yaml", FleetFixture.configMap("web", name));
    }

    private ApplicationSet set() {
        return ApplicationSets.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: web
                  namespace: argocd
                spec:
                  generators:
                  - git:
                      repoURL: %1$s
                      revision: HEAD
                      files:
                      - path: environments/*/config.json
                  template:
                    metadata:
                      name: 'web-{{environment.name}}'
                    spec:
                      project: default
                      source:
                        repoURL: %1$s
                        targetRevision: HEAD
                        path: 'web/{{path.basename}}'
                      destination:
                        namespace: '{{environment.namespace}}'
                      syncPolicy:
                        automated: {prune: true}
                        syncOptions: [CreateNamespace=true]
                """.formatted(fixture.repo.url()), "web.yaml");
    }

    @Test
    void everyConfigFileGivesAnAppWithItsParameters() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        ApplicationSetStatus status = sets.register(set());
        fixture.controller.start();
        fixture.run();

        assertThat(status.applications()).containsExactly("web-production", "web-staging");
        assertThat(fixture.controller.status("web-production").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(fixture.cluster.get("v1", "ConfigMap", "web-prod", "web")).hasValueSatisfying(cm ->
                assertThat(cm.at("/data/value").asText()).isEqualTo("production"));
        assertThat(fixture.cluster.get("v1", "ConfigMap", "web-staging", "web")).isPresent();
    }

    @Test
    void aPushRefreshedByWebhookGeneratesTheNewEnvironment() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(set());
        fixture.controller.start();
        fixture.run();
        environment("qa", "web-qa");
        fixture.repo.commit("qa");

        assertThat(fixture.fleet.refresh(fixture.repo.url(), "")).as("two apps and one set").isEqualTo(3);
        fixture.run();

        assertThat(sets.status("argocd/web").applications()).containsExactly("web-production", "web-qa",
                "web-staging");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "web-qa", "web")).isPresent();
    }

    @Test
    void theSetIsGeneratedAgainEveryRequeueIntervalAndSeesTheRepositoryMove() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(set());
        fixture.controller.start();
        fixture.run();
        fixture.repo.delete("environments/staging/config.json");
        fixture.repo.commit("staging is gone");

        fixture.advance(Duration.ofMinutes(2));
        assertThat(fixture.controller.statuses()).containsKey("web-staging");

        fixture.advance(Duration.ofMinutes(1).plusSeconds(1));
        fixture.run();

        assertThat(sets.status("argocd/web").lastChanges().deleted()).containsExactly("web-staging");
        assertThat(fixture.controller.statuses()).containsOnlyKeys("web-production");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "web-staging", "web")).isEmpty();
    }

    @Test
    void aRepositoryThatCannotBeReadDeletesNothing() {
        ApplicationSetReconciler sets = fixture.applicationSets();
        sets.register(set());
        fixture.controller.start();
        fixture.run();
        fixture.repo.write("environments/broken/config.json", "{not json").commit("a broken file");

        assertThat(sets.refresh(fixture.repo.url())).isEqualTo(1);
        fixture.run();
        ApplicationSetStatus status = sets.status("argocd/web");

        assertThat(status.error()).hasValueSatisfying(m -> assertThat(m).contains("spec.generators[0].git",
                "environments/broken/config.json"));
        assertThat(fixture.controller.statuses()).containsOnlyKeys("web-production", "web-staging");
    }
}
