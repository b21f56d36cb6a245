package io.gitops4j.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.ApplicationSets;
import io.gitops4j.core.crd.CustomResourceDefinitions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller-mode reconciler whose replica stopped leading writes nothing more: no Application
 * created, updated or deleted, even by a generation it runs after losing the lead.
 */
class InClusterWritingGateTest {

    @TempDir
    Path temp;

    private FleetFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new FleetFixture(temp, false);
        fixture.cluster.createFromYaml(CustomResourceDefinitions.yaml()
                + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void afterLosingTheLeadAGenerationCreatesAndDeletesNothing() {
        AtomicBoolean leading = new AtomicBoolean(true);
        ApplicationSetReconciler sets = InClusterApplicationSets.builder(fixture.cluster, fixture.controller,
                ApplicationSetGenerator.builder().inClusterDefault(false).build()).scheduler(fixture.scheduler)
                .clock(fixture.clock).writing(leading::get).build();
        sets.register(set("a", "b"));
        assertThat(applications()).containsExactly("a", "b");

        leading.set(false);
        sets.register(set("b", "c"));

        assertThat(applications()).as("nothing created or deleted once another replica leads").containsExactly("a", "b");
    }

    private List<String> applications() {
        return fixture.cluster.objects().stream().filter(o -> o.path("kind").asText().equals("Application"))
                .map(o -> o.at("/metadata/name").asText()).sorted().toList();
    }

    private ApplicationSet set(String... envs) {
        StringBuilder elements = new StringBuilder();
        for (String env : envs) {
            elements.append("      - env: ").append(env).append('\n');
        }
        return ApplicationSets.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: envs
                  namespace: argocd
                  uid: 0b1e6a52-8c1f-4a4e-9a56-1f0f3d6c7e11
                spec:
                  generators:
                  - list:
                      elements:
                %s  template:
                    metadata:
                      name: '{{env}}'
                    spec:
                      project: default
                      source: {repoURL: %s, targetRevision: HEAD, path: 'envs/{{env}}'}
                      destination: {server: https://kubernetes.default.svc, namespace: '{{env}}'}
                """.formatted(elements, fixture.repo.url()), "envs.yaml");
    }
}
