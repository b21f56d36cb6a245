package io.gitops4j.fake.contract;

import static io.gitops4j.fake.contract.ClusterFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.FieldConflict;
import io.gitops4j.cluster.WriteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply as the Kubernetes documentation describes it ("Server-Side Apply": field
 * management, conflicts, merge strategy), in every form of the fake cluster: two managers
 * sharing an object, conflicts and force, a manager dropping a field, and list items merged by
 * their keys (containers by name, ports by containerPort and protocol).
 */
public interface ServerSideApplyContract extends ClusterFixture {

    @Test
    default void anApplyCreatesTheObjectAndRecordsWhatItsManagerOwns() {
        ObjectNode applied = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        assertThat(applied.at("/metadata/managedFields/0/manager").asText()).isEqualTo("alice");
        assertThat(applied.at("/metadata/managedFields/0/operation").asText()).isEqualTo("Apply");
        JsonNode fields = applied.at("/metadata/managedFields/0/fieldsV1");
        assertThat(fields.at("/f:spec/f:replicas").isObject()).isTrue();
        assertThat(fields.at("/f:spec/f:template/f:spec/f:containers").has("k:{\"name\":\"app\"}")).isTrue();
        assertThat(fields.at("/f:spec").has("f:progressDeadlineSeconds")).as("defaults are nobody's").isFalse();
        assertThat(applied.at("/spec/progressDeadlineSeconds").asInt()).as("but they are there").isEqualTo(600);
    }

    @Test
    default void twoManagersShareAnObjectAndEachOwnsItsFields() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        ObjectNode shared = cluster().apply(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {team: shop}}
                """), WriteOptions.fieldManager("bob"));

        assertThat(shared.at("/metadata/labels/team").asText()).isEqualTo("shop");
        assertThat(shared.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(managers(shared)).containsExactly("alice", "bob");
    }

    @Test
    default void changingAFieldAnotherManagerOwnsConflicts() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        assertThatThrownBy(() -> cluster().apply(deployment(3, "nginx:1.27"), WriteOptions.fieldManager("bob")))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.conflicts()).containsExactly(new FieldConflict("alice", "", ".spec.replicas"));
                })
                .hasMessageContaining("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
        assertThat(live().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    default void everyConflictingFieldIsListed() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        assertThatThrownBy(() -> cluster().apply(deployment(3, "nginx:1.28"), WriteOptions.fieldManager("bob")))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
                        .extracting(FieldConflict::field)
                        .containsExactlyInAnyOrder(".spec.replicas",
                                ".spec.template.spec.containers[name=\"app\"].image"));
    }

    @Test
    default void applyingTheSameValueSharesTheFieldWithoutConflict() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        ObjectNode shared = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("bob"));

        assertThat(ownersOf(shared, "/f:spec/f:replicas")).containsExactly("alice", "bob");
    }

    @Test
    default void forceTakesTheFieldOver() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        ObjectNode forced = cluster().apply(deployment(3, "nginx:1.27"), WriteOptions.fieldManager("bob").forced());

        assertThat(forced.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(ownersOf(forced, "/f:spec/f:replicas")).containsExactly("bob");
    }

    @Test
    default void anUpdateTakesOwnershipAndALaterApplyConflictsWithIt() {
        ObjectNode applied = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));
        ObjectNode scaled = applied.deepCopy();
        ((ObjectNode) scaled.get("spec")).put("replicas", 5);
        cluster().update(scaled, WriteOptions.fieldManager("autoscaler"));

        assertThat(ownersOf(live(), "/f:spec/f:replicas")).containsExactly("autoscaler");
        assertThatThrownBy(() -> cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice")))
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
                        .containsExactly(new FieldConflict("autoscaler", "apps/v1", ".spec.replicas")));
    }

    @Test
    default void aFieldTheManagerStopsApplyingIsRemoved() {
        ObjectNode withLabel = deployment(2, "nginx:1.27");
        ((ObjectNode) withLabel.at("/metadata/labels")).put("tier", "front");
        cluster().apply(withLabel, WriteOptions.fieldManager("alice"));

        ObjectNode after = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        assertThat(after.at("/metadata/labels").has("tier")).isFalse();
        assertThat(after.at("/metadata/labels/app").asText()).isEqualTo("web");
    }

    @Test
    default void aFieldTheManagerStopsApplyingStaysWhileAnotherManagerOwnsIt() {
        ObjectNode withLabel = deployment(2, "nginx:1.27");
        ((ObjectNode) withLabel.at("/metadata/labels")).put("tier", "front");
        cluster().apply(withLabel, WriteOptions.fieldManager("alice"));
        cluster().apply(yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, labels: {tier: front}}}"),
                WriteOptions.fieldManager("bob"));

        ObjectNode after = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        assertThat(after.at("/metadata/labels/tier").asText()).isEqualTo("front");
        assertThat(ownersOf(after, "/f:metadata/f:labels/f:tier")).containsExactly("bob");
    }

    @Test
    default void containersMergeByNameAcrossManagers() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));
        cluster().apply(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, image: 'envoy:1.31'}
                """), WriteOptions.fieldManager("mesh"));

        assertThat(containerNames(live())).containsExactly("app", "sidecar");

        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));
        assertThat(containerNames(live())).as("alice's apply keeps mesh's container").containsExactly("app", "sidecar");

        cluster().apply(yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}}"),
                WriteOptions.fieldManager("mesh"));
        assertThat(containerNames(live())).as("mesh dropped its container").containsExactly("app");
    }

    @Test
    default void portsAreKeyedByContainerPortAndProtocol() {
        ObjectNode withPorts = deployment(2, "nginx:1.27");
        ObjectNode container = (ObjectNode) withPorts.at("/spec/template/spec/containers/0");
        container.putArray("ports").add(yaml("{containerPort: 53}")).add(yaml("{containerPort: 53, protocol: UDP}"));

        ObjectNode applied = cluster().apply(withPorts, WriteOptions.fieldManager("alice"));

        JsonNode ports = applied.at("/metadata/managedFields/0/fieldsV1/f:spec/f:template/f:spec/f:containers")
                .path("k:{\"name\":\"app\"}").path("f:ports");
        assertThat(ports.has("k:{\"containerPort\":53,\"protocol\":\"TCP\"}")).isTrue();
        assertThat(ports.has("k:{\"containerPort\":53,\"protocol\":\"UDP\"}")).isTrue();
        assertThat(applied.at("/spec/template/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");

        container.putArray("ports").add(yaml("{containerPort: 53, protocol: UDP}"));
        ObjectNode after = cluster().apply(withPorts, WriteOptions.fieldManager("alice"));

        assertThat(after.at("/spec/template/spec/containers/0/ports")).hasSize(1);
        assertThat(after.at("/spec/template/spec/containers/0/ports/0/protocol").asText()).isEqualTo("UDP");
    }

    @Test
    default void anUnchangedApplyChangesNothing() {
        ObjectNode first = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));
        clock().advance(Duration.ofMinutes(1));

        ObjectNode second = cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    default void aDryRunApplyAnswersAndStoresNothing() {
        cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.fieldManager("alice"));

        ObjectNode answer = cluster().apply(deployment(4, "nginx:1.27"), WriteOptions.fieldManager("alice").asDryRun());

        assertThat(answer.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(live().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    default void anApplyNeedsAFieldManager() {
        assertThatThrownBy(() -> cluster().apply(deployment(2, "nginx:1.27"), WriteOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("fieldManager is required for apply requests");
    }

    @Test
    default void customResourceListsMergeAsTheirDefinitionsSchemaSays() {
        cluster().create(yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gateways.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Gateway, plural: gateways}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              listeners:
                                type: array
                                x-kubernetes-list-type: map
                                x-kubernetes-list-map-keys: [name]
                                items:
                                  type: object
                                  properties: {name: {type: string}, port: {type: integer}}
                              hostnames:
                                type: array
                                x-kubernetes-list-type: set
                                items: {type: string}
                              addresses:
                                type: array
                                items: {type: string}
                """));
        cluster().apply(gateway("{listeners: [{name: web, port: 80}], hostnames: [a.example.com], addresses: [10.0.0.1]}"),
                WriteOptions.fieldManager("alice"));
        ObjectNode shared = cluster().apply(gateway("{listeners: [{name: metrics, port: 9090}], "
                + "hostnames: [b.example.com]}"), WriteOptions.fieldManager("bob"));

        assertThat(shared.at("/spec/listeners").findValuesAsText("name")).containsExactly("web", "metrics");
        assertThat(shared.at("/spec/hostnames").toString()).isEqualTo("[\"a.example.com\",\"b.example.com\"]");
        assertThatThrownBy(() -> cluster().apply(gateway("{addresses: [10.0.0.2]}"), WriteOptions.fieldManager("bob")))
                .as("a list without a list type is atomic: alice owns it whole")
                .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.conflicts())
                        .containsExactly(new FieldConflict("alice", "", ".spec.addresses")));

        ObjectNode afterAlice = cluster().apply(gateway("{hostnames: [a.example.com], addresses: [10.0.0.1]}"),
                WriteOptions.fieldManager("alice"));
        assertThat(afterAlice.at("/spec/listeners").findValuesAsText("name")).as("alice dropped hers only")
                .containsExactly("metrics");
    }

    private ObjectNode gateway(String spec) {
        ObjectNode gateway = yaml("apiVersion: example.com/v1\nkind: Gateway\nmetadata: {name: edge}\n");
        gateway.set("spec", yaml("spec: " + spec).get("spec"));
        return gateway;
    }

    private ObjectNode live() {
        return cluster().get(type("apps/v1", "Deployment"), "default", "web").orElseThrow();
    }

    private static List<String> managers(JsonNode object) {
        return object.at("/metadata/managedFields").findValuesAsText("manager");
    }

    private static List<String> ownersOf(JsonNode object, String fieldsV1Pointer) {
        List<String> owners = new ArrayList<>();
        for (JsonNode entry : object.at("/metadata/managedFields")) {
            if (!entry.at("/fieldsV1" + fieldsV1Pointer).isMissingNode()) {
                owners.add(entry.path("manager").asText());
            }
        }
        return owners;
    }

    private static List<String> containerNames(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers").findValuesAsText("name");
    }

    private static ObjectNode deployment(int replicas, String image) {
        ObjectNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: app, image: '%s'}
                """.formatted(replicas, image));
        return deployment;
    }
}
