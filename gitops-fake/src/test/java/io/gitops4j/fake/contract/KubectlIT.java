package io.gitops4j.fake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP form of the fake cluster driven by the real {@code kubectl}. Skipped when no kubectl
 * is on the PATH (CI has none); run {@code eval "$(../shared/tools/oracles.sh --env)"} first.
 */
class KubectlIT {

    private static final String MANIFESTS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {color: blue}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: app, image: nginx}]
            """;

    @TempDir
    Path directory;

    private final FakeCluster cluster = new FakeCluster();
    private FakeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start(cluster);
        Optional<Kubectl> found = Kubectl.onPath(server.writeKubeconfig(directory.resolve("kubeconfig")));
        assumeTrue(found.isPresent(), "kubectl is not on the PATH");
        kubectl = found.get();
        Files.writeString(directory.resolve("app.yaml"), MANIFESTS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getListsWhatTheClusterHolds() throws Exception {
        Kubectl.Result result = kubectl.run("get", "namespaces", "-o", "name");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly("namespace/default", "namespace/kube-node-lease",
                "namespace/kube-public", "namespace/kube-system");
    }

    @Test
    void getPrintsTheColumnsOfTheServersTable() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");

        Kubectl.Result result = kubectl.run("get", "deployments,configmaps", "-o", "wide");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("READY", "UP-TO-DATE", "AVAILABLE", "IMAGES", "SELECTOR", "DATA");
        assertThat(result.out().lines().filter(line -> line.startsWith("deployment.apps/web")).findFirst().orElseThrow())
                .matches("deployment\\.apps/web\\s+0/2\\s+0\\s+0\\s+\\d+s\\s+app\\s+nginx\\s+app=web");
    }

    @Test
    void getFindsKindsByShortName() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");

        Kubectl.Result result = kubectl.run("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("2");
    }

    @Test
    void applyCreatesWhatTheInProcessFormThenSees() throws Exception {
        Kubectl.Result result = kubectl.run("apply", "-f", "app.yaml");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("configmap/settings created", "deployment.apps/web created");
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings").orElseThrow().at("/data/color").asText())
                .isEqualTo("blue");
    }

    @Test
    void diffShowsWhatApplyWouldCreate() throws Exception {
        Kubectl.Result result = kubectl.run("diff", "-f", "app.yaml");

        assertThat(result.exitCode()).as("1 means differences found; " + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("+  color: blue", "+  replicas: 2");
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings")).as("diff is a dry run").isEmpty();
    }

    @Test
    void scaleSetsTheReplicasThroughTheScaleSubresource() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");

        Kubectl.Result result = kubectl.run("scale", "deployment/web", "--replicas=5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("deployment.apps/web scaled");
        ObjectNode web = cluster.get("apps/v1", "Deployment", "default", "web").orElseThrow();
        assertThat(web.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(web.at("/metadata/managedFields").findValuesAsText("subresource")).contains("scale");
    }

    @Test
    void deleteRemovesTheObjects() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");

        Kubectl.Result result = kubectl.run("delete", "-f", "app.yaml");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("configmap \"settings\" deleted", "deployment.apps \"web\" deleted");
        assertThat(cluster.get("apps/v1", "Deployment", "default", "web")).isEmpty();
    }

    @Test
    void aClientSideApplyOfAChangeSendsAStrategicMergePatch() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");
        Files.writeString(directory.resolve("app.yaml"), MANIFESTS.replace("replicas: 2", "replicas: 3"));

        Kubectl.Result result = kubectl.run("apply", "-f", "app.yaml");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("configmap/settings unchanged", "deployment.apps/web configured");
        assertThat(cluster.get("apps/v1", "Deployment", "default", "web").orElseThrow().at("/spec/replicas").asInt())
                .isEqualTo(3);
    }

    @Test
    void diffShowsWhatApplyWouldChange() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");
        Files.writeString(directory.resolve("app.yaml"), MANIFESTS.replace("replicas: 2", "replicas: 3"));

        Kubectl.Result result = kubectl.run("diff", "-f", "app.yaml");

        assertThat(result.exitCode()).as("1 means differences found; " + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("-  replicas: 2", "+  replicas: 3");
        assertThat(result.out()).doesNotContain("color");
    }

    @Test
    void serverSideApplyRecordsTheManagerAndConflictsWithAnother() throws Exception {
        Kubectl.Result first = kubectl.run("apply", "--server-side", "-f", "app.yaml");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("deployment.apps/web serverside-applied");
        assertThat(cluster.get("apps/v1", "Deployment", "default", "web").orElseThrow()
                .at("/metadata/managedFields/0/manager").asText()).isEqualTo("kubectl");
        Files.writeString(directory.resolve("app.yaml"), MANIFESTS.replace("replicas: 2", "replicas: 3"));

        Kubectl.Result conflict = kubectl.run("apply", "--server-side", "--field-manager=ops", "-f", "app.yaml");
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.err()).contains("conflict with \"kubectl\"", ".spec.replicas");

        Kubectl.Result forced = kubectl.run("apply", "--server-side", "--field-manager=ops", "--force-conflicts",
                "-f", "app.yaml");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(cluster.get("apps/v1", "Deployment", "default", "web").orElseThrow().at("/spec/replicas").asInt())
                .isEqualTo(3);
    }

    @Test
    void serverSideDiffShowsWhatAServerSideApplyWouldChange() throws Exception {
        kubectl.run("apply", "--server-side", "-f", "app.yaml");
        Files.writeString(directory.resolve("app.yaml"), MANIFESTS.replace("color: blue", "color: green"));

        Kubectl.Result result = kubectl.run("diff", "--server-side", "-f", "app.yaml");

        assertThat(result.exitCode()).as("1 means differences found; " + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("-  color: blue", "+  color: green");
    }

    @Test
    void rolloutStatusFollowsTheSimulatedControllersThroughAWatchList() throws Exception {
        kubectl.run("apply", "-f", "app.yaml");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleWithFixedDelay(() -> cluster.controllers().tick(), 100, 100, TimeUnit.MILLISECONDS);

            Kubectl.Result result = kubectl.run("rollout", "status", "deployment/web", "--timeout=30s");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("deployment \"web\" successfully rolled out");
        } finally {
            ticker.shutdownNow();
        }
    }

    @Test
    void aRefusedRequestIsPrintedAsTheServersError() throws Exception {
        Kubectl.Result result = kubectl.run("get", "configmap", "missing");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Error from server (NotFound): configmaps \"missing\" not found");
    }
}
