package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.FieldConflict;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.Yaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scale subresource, as an autoscaler or {@code kubectl scale} uses it, in process. */
class ScaleSubresourceTest {

    private static final WriteOptions GITOPS = WriteOptions.fieldManager("gitops4j");
    private static final WriteOptions AUTOSCALER = WriteOptions.fieldManager("autoscaler");

    private final FakeCluster cluster = new FakeCluster();
    private final ResourceType deployments = cluster.resourceType("apps/v1", "Deployment").orElseThrow();

    @Test
    void theScaleOfADeploymentShowsDesiredAndCurrentReplicasAndTheSelector() {
        ObjectNode deployment = cluster.apply(deployment(2), GITOPS);

        ObjectNode scale = cluster.scale(deployments, "default", "web");

        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.at("/metadata/name").asText()).isEqualTo("web");
        assertThat(scale.at("/metadata/resourceVersion")).isEqualTo(deployment.at("/metadata/resourceVersion"));
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(scale.at("/status/replicas").asInt()).isZero();
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=web");
    }

    @Test
    void scalingChangesTheReplicasAndTheAutoscalerTakesTheFieldOver() {
        cluster.apply(deployment(2), GITOPS);

        ObjectNode scale = cluster.scale(deployments, "default", "web", 5, AUTOSCALER);

        ObjectNode deployment = cluster.get(deployments, "default", "web").orElseThrow();
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(deployment.at("/metadata/generation").asInt()).isEqualTo(2);
        JsonNode autoscaler = entryOf(deployment, "autoscaler");
        assertThat(autoscaler.path("operation").asText()).isEqualTo("Update");
        assertThat(autoscaler.path("subresource").asText()).isEqualTo("scale");
        assertThat(autoscaler.at("/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
        assertThat(entryOf(deployment, "gitops4j").at("/fieldsV1/f:spec/f:replicas").isMissingNode())
                .as("the applier no longer owns replicas").isTrue();
    }

    @Test
    void anApplyThatSetsReplicasAgainConflictsWithTheAutoscalerUnlessForced() {
        cluster.apply(deployment(2), GITOPS);
        cluster.scale(deployments, "default", "web", 5, AUTOSCALER);

        assertThatThrownBy(() -> cluster.apply(deployment(2), GITOPS))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
                        .containsExactly(new FieldConflict("autoscaler", "apps/v1", ".spec.replicas", "scale")))
                .hasMessageContaining("conflict with \"autoscaler\" with subresource \"scale\" using apps/v1: "
                        + ".spec.replicas");
        assertThat(cluster.apply(deployment(2), GITOPS.forced()).at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aDryRunScaleAnswersTheNewScaleAndStoresNothing() {
        ObjectNode before = cluster.apply(deployment(2), GITOPS);

        ObjectNode scale = cluster.scale(deployments, "default", "web", 7, AUTOSCALER.asDryRun());

        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(7);
        assertThat(cluster.get(deployments, "default", "web").orElseThrow()).isEqualTo(before);
    }

    @Test
    void kindsWithoutAScaleSubresourceAndMissingObjectsAreNotFound() {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        ResourceType configMaps = cluster.resourceType("v1", "ConfigMap").orElseThrow();

        assertThatThrownBy(() -> cluster.scale(configMaps, "default", "settings"))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(404))
                .hasMessageContaining("settings/scale");
        assertThatThrownBy(() -> cluster.scale(deployments, "default", "missing", 1, AUTOSCALER))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void aNegativeReplicaCountIsInvalid() {
        cluster.apply(deployment(2), GITOPS);

        assertThatThrownBy(() -> cluster.scale(deployments, "default", "web", -1, AUTOSCALER))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessageContaining("spec.replicas");
        assertThat(cluster.get(deployments, "default", "web").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aCustomResourceScalesAtThePathsItsDefinitionNames() {
        cluster.createFromYaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: workers.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Worker, plural: workers}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    subresources:
                      status: {}
                      scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.running,
                              labelSelectorPath: .status.selector}
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """);
        cluster.createFromYaml("apiVersion: example.com/v1\nkind: Worker\nmetadata: {name: pool}\nspec: {size: 1}\n");
        ResourceType workers = cluster.resourceType("example.com/v1", "Worker").orElseThrow();
        ObjectNode withStatus = cluster.get(workers, "default", "pool").orElseThrow();
        withStatus.putObject("status").put("running", 1).put("selector", "pool=pool");
        cluster.updateStatus(withStatus, WriteOptions.defaults());

        ObjectNode scale = cluster.scale(workers, "default", "pool", 3, AUTOSCALER);

        assertThat(cluster.get(workers, "default", "pool").orElseThrow().at("/spec/size").asInt()).isEqualTo(3);
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(scale.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("pool=pool");
    }

    private static JsonNode entryOf(ObjectNode object, String manager) {
        List<JsonNode> entries = new ArrayList<>();
        object.at("/metadata/managedFields").forEach(entries::add);
        return entries.stream().filter(e -> e.path("manager").asText().equals(manager)).findFirst().orElseThrow();
    }

    private static ObjectNode deployment(int replicas) {
        return Yaml.readDocuments("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: app, image: nginx:1.27}]
                """.formatted(replicas), "deployment.yaml").get(0).body();
    }
}
