package io.gitops4j.k8s.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.Json;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.diff.Yaml;
import io.gitops4j.k8s.ClusterException;
import io.gitops4j.k8s.ListOptions;
import io.gitops4j.k8s.ResourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeClusterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");

    private final FakeCluster cluster = new FakeCluster(Clock.fixed(NOW, ZoneOffset.UTC));
    private final ResourceType deployments = cluster.resourceType("apps/v1", "Deployment").orElseThrow();
    private final ResourceType configMaps = cluster.resourceType("v1", "ConfigMap").orElseThrow();

    @Test
    void createStampsWhatAnApiServerStamps() {
        ObjectNode created = cluster.create(deployment("web", 2));

        assertThat(created.at("/metadata/uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(created.at("/metadata/resourceVersion").asText()).isNotEmpty();
        assertThat(created.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(created.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-11-22T09:30:00Z");
        assertThat(cluster.get(deployments, "default", "web")).contains(created);
    }

    @Test
    void anUpdateOfTheSpecBumpsGenerationAndKeepsIdentity() {
        ObjectNode created = cluster.create(deployment("web", 2));
        ObjectNode changed = created.deepCopy();
        ((ObjectNode) changed.get("spec")).put("replicas", 4);

        ObjectNode updated = cluster.update(changed);

        assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(2);
        assertThat(updated.at("/metadata/uid")).isEqualTo(created.at("/metadata/uid"));
        assertThat(updated.at("/metadata/resourceVersion")).isNotEqualTo(created.at("/metadata/resourceVersion"));
    }

    @Test
    void aMetadataOnlyUpdateKeepsTheGeneration() {
        ObjectNode created = cluster.create(deployment("web", 2));

        ObjectNode updated = cluster.update(KubernetesObjects.withAnnotation(created, "team", "shop"));

        assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(1);
    }

    @Test
    void aStaleResourceVersionConflicts() {
        ObjectNode created = cluster.create(deployment("web", 2));
        cluster.update(KubernetesObjects.withAnnotation(created, "first", "writer"));

        assertThatThrownBy(() -> cluster.update(KubernetesObjects.withAnnotation(created, "second", "writer")))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("the object has been modified")
                .satisfies(e -> assertThat(((ClusterException) e).isConflict()).isTrue());
    }

    @Test
    void creatingTwiceConflicts() {
        cluster.create(deployment("web", 2));

        assertThatThrownBy(() -> cluster.create(deployment("web", 2)))
                .isInstanceOf(ClusterException.class)
                .hasMessage("deployments \"web\" already exists in namespace default")
                .satisfies(e -> assertThat(((ClusterException) e).code()).isEqualTo(409));
    }

    @Test
    void statusIsASubresource() {
        ObjectNode withStatus = deployment("web", 2);
        withStatus.putObject("status").put("readyReplicas", 2);
        ObjectNode created = cluster.create(withStatus);
        assertThat(created.has("status")).as("status is dropped on create").isFalse();

        ObjectNode statusUpdate = created.deepCopy();
        statusUpdate.putObject("status").put("readyReplicas", 2);
        cluster.updateStatus(statusUpdate);
        ObjectNode specUpdate = cluster.get(deployments, "default", "web").orElseThrow();
        specUpdate.putObject("status").put("readyReplicas", 0);
        ObjectNode updated = cluster.update(specUpdate);

        assertThat(updated.at("/status/readyReplicas").asInt()).as("update keeps the stored status").isEqualTo(2);
    }

    @Test
    void aNamespacedObjectNeedsItsNamespace() {
        ObjectNode inMissingNamespace = KubernetesObjects.withNamespace(deployment("web", 1), "shop");

        assertThatThrownBy(() -> cluster.create(inMissingNamespace))
                .isInstanceOf(ClusterException.class)
                .hasMessage("namespaces \"shop\" not found");

        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        assertThat(cluster.create(inMissingNamespace).at("/metadata/namespace").asText()).isEqualTo("shop");
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");
        cluster.create(KubernetesObjects.withNamespace(deployment("web", 1), "shop"));
        cluster.create(deployment("web", 1));

        assertThat(cluster.delete(cluster.resourceType("v1", "Namespace").orElseThrow(), "", "shop")).isTrue();

        assertThat(cluster.list(deployments, ListOptions.all()))
                .extracting(KubernetesObjects::namespace).containsExactly("default");
    }

    @Test
    void listsByNamespaceAndLabelSelectorSorted() {
        cluster.createFromYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b, labels: {app: web, env: prod}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, labels: {app: web, env: dev}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, namespace: kube-system, labels: {app: dns}}
                """);

        assertThat(names(cluster.list(configMaps, ListOptions.all()))).containsExactly("a", "b", "c");
        assertThat(names(cluster.list(configMaps, ListOptions.inNamespace("default")))).containsExactly("a", "b");
        assertThat(names(cluster.list(configMaps, ListOptions.all().withLabelSelector("app=web,env notin (dev)"))))
                .containsExactly("b");
    }

    @Test
    void anUnknownKindIsNotFoundUntilItsCrdExists() {
        String widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n";
        assertThatThrownBy(() -> cluster.createFromYaml(widget))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("example.com/v1 Widget")
                .hasMessageContaining("install its CustomResourceDefinition first");

        cluster.createFromYaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - {name: v1, served: true, storage: true}
                """);
        ObjectNode created = cluster.createFromYaml(widget).get(0);

        assertThat(created.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(cluster.resourceType("example.com/v1", "Widget").orElseThrow().plural()).isEqualTo("widgets");

        cluster.delete(cluster.resourceType("apiextensions.k8s.io/v1", "CustomResourceDefinition").orElseThrow(),
                "", "widgets.example.com");
        assertThat(cluster.resourceType("example.com/v1", "Widget")).isEmpty();
        assertThat(cluster.objects()).noneMatch(o -> KubernetesObjects.kind(o).equals("Widget"));
    }

    @Test
    void generateNameGetsARandomSuffix() {
        ObjectNode job = Yaml.readDocuments("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n",
                "job").get(0).body();

        String name = KubernetesObjects.name(cluster.create(job));

        assertThat(name).matches("migrate-[a-z0-9]{5}");
    }

    @Test
    void returnedObjectsAreCopies() {
        ObjectNode created = cluster.create(deployment("web", 2));
        ((ObjectNode) created.get("spec")).put("replicas", 99);

        assertThat(cluster.get(deployments, "default", "web").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aClusterScopedObjectLosesItsNamespace() {
        ObjectNode role = Json.parseObject("{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\","
                + "\"metadata\":{\"name\":\"reader\",\"namespace\":\"default\"}}", "role");

        assertThat(cluster.create(role).at("/metadata/namespace").isMissingNode()).isTrue();
    }

    private static List<String> names(List<ObjectNode> objects) {
        return objects.stream().map(KubernetesObjects::name).toList();
    }

    static ObjectNode deployment(String name, int replicas) {
        return Yaml.readDocuments("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - {name: app, image: nginx}
                """.formatted(name, replicas, name, name), "deployment").get(0).body();
    }
}
