package io.gitops4j.fake.contract;

import static io.gitops4j.fake.contract.ClusterFixture.configMap;
import static io.gitops4j.fake.contract.ClusterFixture.deployment;
import static io.gitops4j.fake.contract.ClusterFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.KubernetesObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Create, read, update, list and status semantics every form of the fake cluster must have. */
public interface CrudContract extends ClusterFixture {

    @Test
    default void createStampsWhatAnApiServerStamps() {
        ObjectNode created = cluster().create(deployment("web", 2));

        assertThat(created.at("/metadata/uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(created.at("/metadata/resourceVersion").asText()).matches("[0-9]+");
        assertThat(created.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(created.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-11-22T09:30:00Z");
        assertThat(cluster().get(type("apps/v1", "Deployment"), "default", "web").orElseThrow()).isEqualTo(created);
    }

    @Test
    default void kindsWithoutASpecHaveNoGeneration() {
        ObjectNode created = cluster().create(configMap("settings", "app: web"));

        assertThat(created.at("/metadata").has("generation")).isFalse();
    }

    @Test
    default void aMissingObjectIsEmpty() {
        assertThat(cluster().get(type("v1", "ConfigMap"), "default", "nothing")).isEmpty();
    }

    @Test
    default void anUpdateOfTheSpecBumpsGenerationAndResourceVersion() {
        ObjectNode created = cluster().create(deployment("web", 2));
        ObjectNode changed = created.deepCopy();
        ((ObjectNode) changed.get("spec")).put("replicas", 4);

        ObjectNode updated = cluster().update(changed);

        assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(2);
        assertThat(updated.at("/metadata/uid")).isEqualTo(created.at("/metadata/uid"));
        assertThat(updated.at("/metadata/resourceVersion").asLong())
                .isGreaterThan(created.at("/metadata/resourceVersion").asLong());
    }

    @Test
    default void aMetadataOnlyUpdateKeepsTheGeneration() {
        ObjectNode created = cluster().create(deployment("web", 2));

        ObjectNode updated = cluster().update(KubernetesObjects.withAnnotation(created, "team", "shop"));

        assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(updated.at("/metadata/annotations/team").asText()).isEqualTo("shop");
    }

    @Test
    default void anUpdateThatChangesNothingKeepsTheResourceVersion() {
        ObjectNode created = cluster().create(configMap("settings", "app: web"));

        ObjectNode updated = cluster().update(created);

        assertThat(updated.at("/metadata/resourceVersion")).isEqualTo(created.at("/metadata/resourceVersion"));
    }

    @Test
    default void aStaleResourceVersionConflicts() {
        ObjectNode created = cluster().create(deployment("web", 2));
        cluster().update(KubernetesObjects.withAnnotation(created, "first", "writer"));

        assertThatThrownBy(() -> cluster().update(KubernetesObjects.withAnnotation(created, "second", "writer")))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                })
                .hasMessageContaining("the object has been modified");
    }

    @Test
    default void creatingTwiceConflicts() {
        cluster().create(deployment("web", 2));

        assertThatThrownBy(() -> cluster().create(deployment("web", 2)))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("AlreadyExists");
                })
                .hasMessageContaining("deployments.apps \"web\" already exists");
    }

    @Test
    default void updatingAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> cluster().update(configMap("missing", "app: web")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.isNotFound()).isTrue())
                .hasMessageContaining("configmaps \"missing\" not found");
    }

    @Test
    default void aNamespacedObjectNeedsItsNamespace() {
        ObjectNode inMissingNamespace = KubernetesObjects.withNamespace(configMap("settings", "app: web"), "shop");

        assertThatThrownBy(() -> cluster().create(inMissingNamespace))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(404))
                .hasMessageContaining("namespaces \"shop\" not found");

        cluster().create(yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"));
        assertThat(cluster().create(inMissingNamespace).at("/metadata/namespace").asText()).isEqualTo("shop");
    }

    @Test
    default void aNewNamespaceIsActiveWithItsNameLabel() {
        ObjectNode namespace = cluster().create(yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"));

        assertThat(namespace.at("/status/phase").asText()).isEqualTo("Active");
        assertThat(namespace.at("/metadata/labels/kubernetes.io~1metadata.name").asText()).isEqualTo("shop");
        assertThat(namespace.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
    }

    @Test
    default void aClusterScopedObjectHasNoNamespace() {
        ObjectNode role = yaml("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, "
                + "metadata: {name: 'system:reader'}, rules: []}");

        ObjectNode created = cluster().create(role);

        assertThat(created.at("/metadata/namespace").isMissingNode()).isTrue();
        assertThat(cluster().get(type("rbac.authorization.k8s.io/v1", "ClusterRole"), "", "system:reader")).isPresent();
    }

    @Test
    default void statusIsASubresource() {
        ObjectNode withStatus = deployment("web", 2);
        withStatus.putObject("status").put("readyReplicas", 2);
        ObjectNode created = cluster().create(withStatus);
        assertThat(created.has("status")).as("status is dropped on create").isFalse();

        ObjectNode statusUpdate = created.deepCopy();
        statusUpdate.putObject("status").put("readyReplicas", 2);
        ((ObjectNode) statusUpdate.get("spec")).put("replicas", 9);
        ObjectNode afterStatus = cluster().updateStatus(statusUpdate);
        assertThat(afterStatus.at("/status/readyReplicas").asInt()).isEqualTo(2);
        assertThat(afterStatus.at("/spec/replicas").asInt()).as("a status update changes only status").isEqualTo(2);
        assertThat(afterStatus.at("/metadata/generation").asInt()).isEqualTo(1);

        ObjectNode specUpdate = afterStatus.deepCopy();
        specUpdate.putObject("status").put("readyReplicas", 0);
        ObjectNode updated = cluster().update(specUpdate);
        assertThat(updated.at("/status/readyReplicas").asInt()).as("an update keeps the stored status").isEqualTo(2);
    }

    @Test
    default void generateNameGetsARandomSuffix() {
        ObjectNode job = yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {generateName: migrate-}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: flyway}]
                """);

        assertThat(KubernetesObjects.name(cluster().create(job))).matches("migrate-[a-z0-9]{5}");
    }

    @Test
    default void anImmutableFieldCannotChange() {
        ObjectNode created = cluster().create(deployment("web", 2));
        ObjectNode changed = created.deepCopy();
        ((ObjectNode) changed.at("/spec/selector/matchLabels")).put("app", "other");
        ((ObjectNode) changed.at("/spec/template/metadata/labels")).put("app", "other");

        assertThatThrownBy(() -> cluster().update(changed))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessageContaining("Deployment.apps \"web\" is invalid: spec.selector")
                .hasMessageContaining("field is immutable");
    }

    @Test
    default void anInvalidNameIsRefused() {
        assertThatThrownBy(() -> cluster().create(configMap("Not_Valid", "app: web")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessageContaining("ConfigMap \"Not_Valid\" is invalid: metadata.name");
    }

    @Test
    default void listsByLabelSelectorsSetBasedOnesIncluded() {
        cluster().create(configMap("a", "app: web, env: dev"));
        cluster().create(configMap("b", "app: web, env: prod"));
        cluster().create(configMap("c", "app: dns"));
        ResourceType configMaps = type("v1", "ConfigMap");

        assertThat(names(cluster().list(configMaps, ListOptions.inNamespace("default")))).containsExactly("a", "b", "c");
        assertThat(names(cluster().list(configMaps, ListOptions.all().withLabelSelector("app=web,env notin (dev)"))))
                .containsExactly("b");
        assertThat(names(cluster().list(configMaps, ListOptions.all().withLabelSelector("env in (dev,prod),app!=dns"))))
                .containsExactly("a", "b");
        assertThat(names(cluster().list(configMaps, ListOptions.all().withLabelSelector("!env"))))
                .containsExactly("c");
    }

    @Test
    default void listsByFieldSelectorsOnNameAndNamespace() {
        cluster().create(configMap("a", "app: web"));
        cluster().create(KubernetesObjects.withNamespace(configMap("a", "app: web"), "kube-system"));
        cluster().create(configMap("b", "app: web"));
        ResourceType configMaps = type("v1", "ConfigMap");

        assertThat(cluster().list(configMaps, ListOptions.all().withFieldSelector("metadata.name=a")))
                .extracting(KubernetesObjects::namespace).containsExactly("default", "kube-system");
        assertThat(names(cluster().list(configMaps,
                ListOptions.all().withFieldSelector("metadata.namespace=default,metadata.name!=a"))))
                .containsExactly("b");
        assertThatThrownBy(() -> cluster().list(configMaps, ListOptions.all().withFieldSelector("data.color=blue")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("field label not supported: data.color");
    }

    @Test
    default void aCrdServesItsKindUntilItIsDeleted() {
        ObjectNode widget = yaml("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w1}, spec: {size: 3}}");
        assertThatThrownBy(() -> cluster().create(widget))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(404));

        ObjectNode crd = cluster().create(yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets, shortNames: [wd]}
                  versions:
                  - {name: v1, served: true, storage: true, subresources: {status: {}},
                     schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
                """));
        assertThat(crd.at("/status/conditions/1/type").asText()).isEqualTo("Established");
        ObjectNode created = cluster().create(widget);
        assertThat(created.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(created.at("/metadata/generation").asInt()).isEqualTo(1);

        cluster().delete(type("apiextensions.k8s.io/v1", "CustomResourceDefinition"), "", "widgets.example.com");

        assertThat(fake().get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com")).isEmpty();
        assertThat(fake().resourceType("example.com/v1", "Widget")).isEmpty();
        assertThat(fake().objects()).noneMatch(o -> KubernetesObjects.kind(o).equals("Widget"));
    }

    private static List<String> names(List<ObjectNode> objects) {
        return objects.stream().map(KubernetesObjects::name).toList();
    }
}
