package io.gitops4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.core.GitOps;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.kube.Yaml;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The extension as a user sees it; some tests go through the HTTP form, hence an IT. */
class FakeKubernetesExtensionIT {

    @FakeKubernetes
    FakeCluster cluster;

    @FakeKubernetes
    ManualClock clock;

    private String seededBy;

    @BeforeEach
    void seed(@FakeKubernetes Cluster sameCluster) {
        seededBy = sameCluster == cluster ? "the field's cluster" : "another cluster";
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: seed}\ndata: {color: blue}\n");
    }

    @Test
    void fieldsAndParametersOfOneTestShareOneCluster(@FakeKubernetes FakeCluster parameter) {
        assertThat(parameter).isSameAs(cluster);
        assertThat(seededBy).isEqualTo("the field's cluster");
    }

    @RepeatedTest(2)
    void everyTestGetsAFreshCluster() {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: created-by-the-test}\n");

        assertThat(cluster.list(cluster.resourceType("v1", "ConfigMap").orElseThrow(), ListOptions.inNamespace("default")))
                .hasSize(2);
    }

    @Test
    void theFabric8ClientTalksToTheSameClusterOverHttp(@FakeKubernetes KubernetesClient client) {
        ConfigMap seed = client.configMaps().inNamespace("default").withName("seed").get();
        assertThat(seed.getData()).containsEntry("color", "blue");

        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("from-fabric8").endMetadata()
                .addToData("size", "large").build()).create();

        assertThat(cluster.get("v1", "ConfigMap", "default", "from-fabric8")).isPresent();
    }

    @Test
    void theServerHandsOutAKubeconfigForOtherClients(@FakeKubernetes FakeApiServer server) {
        assertThat(Yaml.readDocuments(server.kubeconfig(), "kubeconfig").get(0).body()
                .at("/clusters/0/cluster/server").asText()).isEqualTo(server.url());
        assertThat(server.cluster()).isSameAs(cluster);
    }

    @Test
    void theClockStandsStillUntilAdvanced(@FakeKubernetes Fabric8Cluster overHttp) {
        Instant start = clock.instant();
        assertThat(start).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        clock.advance(Duration.ofHours(2));

        String created = overHttp.create(Yaml.readDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later}\n",
                "cm").get(0).body()).at("/metadata/creationTimestamp").asText();

        assertThat(created).isEqualTo(start.plus(Duration.ofHours(2)).toString());
    }

    @Test
    void thePacerMovesTheClockAndRunsTheControllersInsteadOfSleeping(@FakeKubernetes StepPacer pacer)
            throws InterruptedException {
        cluster.createFromYaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: once, image: busybox}]
                """);
        Instant due = clock.instant().plus(Duration.ofMinutes(5));

        for (int step = 0; step < 5; step++) {         // each wait is one pass of the controllers
            pacer.waitUntil(due);
        }

        assertThat(clock.instant()).isEqualTo(due);
        assertThat(cluster.get("batch/v1", "Job", "default", "once").orElseThrow().at("/status/succeeded").asInt())
                .isEqualTo(1);
    }

    @Test
    void gitOpsAndTheEngineAreHandedOutForTheTestsCluster(@FakeKubernetes GitOps.Builder builder,
            @FakeKubernetes GitOps gitops, @FakeKubernetes SyncEngine engine) {
        assertThat(gitops).isNotNull();
        assertThat(engine).isNotNull();
        assertThat(builder.build().history("none")).isEmpty();
    }
}
