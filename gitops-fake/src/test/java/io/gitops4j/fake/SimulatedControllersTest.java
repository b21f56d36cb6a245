package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedControllersTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T09:30:00Z"));
    private final FakeCluster cluster = new FakeCluster(clock);
    private final SimulatedControllers controllers = cluster.controllers();

    @Test
    void nothingHappensUntilATick() {
        cluster.create(deployment("web", 2, "nginx:1.27"));

        assertThat(objects("apps/v1", "ReplicaSet")).isEmpty();
        assertThat(deploymentStatus("web").isMissingNode()).isTrue();
    }

    @Test
    void aDeploymentBecomesAvailableThroughItsReplicaSetAndPods() {
        cluster.create(deployment("web", 2, "nginx:1.27"));

        controllers.settle();

        JsonNode status = deploymentStatus("web");
        assertThat(status.path("observedGeneration").asInt()).isEqualTo(1);
        assertThat(status.path("replicas").asInt()).isEqualTo(2);
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("availableReplicas").asInt()).isEqualTo(2);
        assertThat(condition(status, "Available")).isEqualTo("True MinimumReplicasAvailable");
        assertThat(condition(status, "Progressing")).isEqualTo("True NewReplicaSetAvailable");
        List<ObjectNode> replicaSets = objects("apps/v1", "ReplicaSet");
        assertThat(replicaSets).hasSize(1);
        assertThat(KubernetesObjects.name(replicaSets.get(0))).matches("web-[a-z0-9]{10}");
        assertThat(objects("v1", "Pod")).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.at("/status/phase").asText()).isEqualTo("Running");
            assertThat(pod.at("/spec/nodeName").asText()).isEqualTo("fake-node-1");
            assertThat(pod.at("/metadata/ownerReferences/0/name").asText()).isEqualTo(KubernetesObjects.name(replicaSets.get(0)));
        });
        assertThat(KubernetesObjects.annotation(get("apps/v1", "Deployment", "web"), "deployment.kubernetes.io/revision"))
                .isEqualTo("1");
    }

    @Test
    void podsBecomeReadyAfterTheConfiguredTicks() {
        controllers.ticksToStart(3);
        cluster.create(deployment("web", 1, "nginx:1.27"));

        controllers.tick(4);
        assertThat(objects("v1", "Pod")).as("created on tick 2, three ticks to start").singleElement()
                .satisfies(pod -> assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending"));

        controllers.tick();
        assertThat(objects("v1", "Pod")).singleElement()
                .satisfies(pod -> assertThat(pod.at("/status/phase").asText()).isEqualTo("Running"));
    }

    @Test
    void aNewTemplateRollsOutToANewReplicaSetAndScalesTheOldOneDown() {
        cluster.create(deployment("web", 2, "nginx:1.27"));
        controllers.settle();

        cluster.patch(type("apps/v1", "Deployment"), "default", "web", Patch.merge(Yaml.readDocuments(
                "{spec: {template: {spec: {containers: [{name: app, image: 'nginx:1.28'}]}}}}", "patch").get(0).body()),
                WriteOptions.defaults());
        controllers.settle();

        List<ObjectNode> replicaSets = objects("apps/v1", "ReplicaSet");
        assertThat(replicaSets).extracting(rs -> rs.at("/spec/replicas").asInt()).containsExactlyInAnyOrder(0, 2);
        assertThat(objects("v1", "Pod")).hasSize(2)
                .allSatisfy(pod -> assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("nginx:1.28"));
        JsonNode status = deploymentStatus("web");
        assertThat(status.path("observedGeneration").asInt()).isEqualTo(2);
        assertThat(condition(status, "Progressing")).isEqualTo("True NewReplicaSetAvailable");
        assertThat(KubernetesObjects.annotation(get("apps/v1", "Deployment", "web"), "deployment.kubernetes.io/revision"))
                .isEqualTo("2");
    }

    @Test
    void anImageThatCannotBePulledEndsInProgressDeadlineExceeded() {
        controllers.failImagePull("shop/api:broken");
        cluster.create(deployment("api", 1, "shop/api:broken"));

        controllers.settle();

        ObjectNode pod = objects("v1", "Pod").get(0);
        assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");
        assertThat(pod.at("/status/containerStatuses/0/state/waiting/reason").asText()).isEqualTo("ImagePullBackOff");
        assertThat(condition(deploymentStatus("api"), "Available")).isEqualTo("False MinimumReplicasUnavailable");
        assertThat(condition(deploymentStatus("api"), "Progressing")).isEqualTo("True ReplicaSetUpdated");

        clock.advance(Duration.ofSeconds(601));
        controllers.tick();

        assertThat(condition(deploymentStatus("api"), "Progressing")).isEqualTo("False ProgressDeadlineExceeded");
    }

    @Test
    void aCrashingContainerLoopsAndItsRestartCountGrows() {
        controllers.failContainers("shop/api:crash");
        cluster.create(deployment("api", 1, "shop/api:crash"));

        controllers.tick(5);

        ObjectNode pod = objects("v1", "Pod").get(0);
        assertThat(pod.at("/status/containerStatuses/0/state/waiting/reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(pod.at("/status/containerStatuses/0/restartCount").asInt()).isGreaterThan(1);
    }

    @Test
    void aJobCompletes() {
        cluster.create(job("migrate", "flyway:10", 2));

        controllers.settle();

        JsonNode status = get("batch/v1", "Job", "migrate").path("status");
        assertThat(status.path("succeeded").asInt()).isEqualTo(1);
        assertThat(status.path("active").asInt()).isZero();
        assertThat(condition(status, "Complete")).isEqualTo("True CompletionsReached");
        assertThat(status.path("completionTime").asText()).isEqualTo("2026-11-22T09:30:00Z");
        assertThat(objects("v1", "Pod")).singleElement().satisfies(pod ->
                assertThat(pod.at("/metadata/labels/job-name").asText()).isEqualTo("migrate"));
    }

    @Test
    void aJobWhoseContainersFailFailsOnceItsBackoffLimitIsExceeded() {
        controllers.failContainers("flyway:broken");
        cluster.create(job("migrate", "flyway:broken", 2));

        controllers.settle();

        JsonNode status = get("batch/v1", "Job", "migrate").path("status");
        assertThat(status.path("failed").asInt()).isEqualTo(3);
        assertThat(condition(status, "Failed")).isEqualTo("True BackoffLimitExceeded");
        assertThat(condition(status, "FailureTarget")).isEqualTo("True BackoffLimitExceeded");
    }

    @Test
    void aStatefulSetStartsItsPodsInOrder() {
        cluster.createFromYaml("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db
                  replicas: 3
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: postgres:17}]}
                """);

        controllers.tick();
        assertThat(objects("v1", "Pod")).extracting(KubernetesObjects::name).containsExactly("db-0");

        controllers.settle();
        assertThat(objects("v1", "Pod")).extracting(KubernetesObjects::name).containsExactly("db-0", "db-1", "db-2");
        JsonNode status = get("apps/v1", "StatefulSet", "db").path("status");
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(3);
        assertThat(status.path("currentRevision").asText()).isEqualTo(status.path("updateRevision").asText());
    }

    @Test
    void aDaemonSetRunsOnePodPerNode() {
        controllers.nodes(3);
        cluster.createFromYaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent, image: fluent-bit:3}]}
                """);

        controllers.settle();

        assertThat(objects("v1", "Pod")).extracting(p -> p.at("/spec/nodeName").asText())
                .containsExactlyInAnyOrder("fake-node-1", "fake-node-2", "fake-node-3");
        JsonNode status = get("apps/v1", "DaemonSet", "agent").path("status");
        assertThat(status.path("desiredNumberScheduled").asInt()).isEqualTo(3);
        assertThat(status.path("numberReady").asInt()).isEqualTo(3);
    }

    @Test
    void deletingADeploymentInForegroundTakesItsReplicaSetsAndPodsFirst() {
        cluster.create(deployment("web", 2, "nginx:1.27"));
        controllers.settle();

        cluster.delete(type("apps/v1", "Deployment"), "default", "web", DeleteOptions.propagation(PropagationPolicy.FOREGROUND));

        assertThat(objects("apps/v1", "Deployment")).isEmpty();
        assertThat(objects("apps/v1", "ReplicaSet")).isEmpty();
        assertThat(objects("v1", "Pod")).isEmpty();
    }

    private JsonNode deploymentStatus(String name) {
        return get("apps/v1", "Deployment", name).path("status");
    }

    private ObjectNode get(String apiVersion, String kind, String name) {
        return cluster.get(apiVersion, kind, "default", name).orElseThrow();
    }

    private List<ObjectNode> objects(String apiVersion, String kind) {
        return cluster.list(type(apiVersion, kind), ListOptions.inNamespace("default"));
    }

    private ResourceType type(String apiVersion, String kind) {
        return cluster.resourceType(apiVersion, kind).orElseThrow();
    }

    private static String condition(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path("status").asText() + " " + condition.path("reason").asText();
            }
        }
        return "absent";
    }

    private static ObjectNode deployment(String name, int replicas, String image) {
        return Yaml.readDocuments("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: '%s'}]}
                """.formatted(name, replicas, name, name, image), "deployment").get(0).body();
    }

    private static ObjectNode job(String name, String image, int backoffLimit) {
        return Yaml.readDocuments("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s}
                spec:
                  backoffLimit: %d
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: job, image: '%s'}]
                """.formatted(name, backoffLimit, image), "job").get(0).body();
    }
}
