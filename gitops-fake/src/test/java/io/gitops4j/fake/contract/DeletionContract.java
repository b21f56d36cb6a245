package io.gitops4j.fake.contract;

import static io.gitops4j.fake.contract.ClusterFixture.configMap;
import static io.gitops4j.fake.contract.ClusterFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finalizers, garbage collection and namespace deletion every form of the fake cluster must have. */
public interface DeletionContract extends ClusterFixture {

    @Test
    default void aDeletedObjectIsGoneAndASecondDeleteFindsNothing() {
        cluster().create(configMap("settings", "app: web"));

        assertThat(cluster().delete(configMaps(), "default", "settings")).isTrue();

        assertThat(cluster().get(configMaps(), "default", "settings")).isEmpty();
        assertThat(cluster().delete(configMaps(), "default", "settings")).isFalse();
    }

    @Test
    default void aFinalizerKeepsTheObjectUntilItIsRemoved() {
        cluster().create(withFinalizers(configMap("settings", "app: web"), "example.com/cleanup"));
        clock().advance(Duration.ofMinutes(5));

        assertThat(cluster().delete(configMaps(), "default", "settings")).isTrue();

        ObjectNode deleting = cluster().get(configMaps(), "default", "settings").orElseThrow();
        assertThat(deleting.at("/metadata/deletionTimestamp").asText()).isEqualTo("2026-11-22T09:35:00Z");
        assertThatThrownBy(() -> cluster().update(withFinalizers(deleting, "example.com/cleanup", "example.com/more")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessageContaining("no new finalizers can be added if the object is being deleted");

        cluster().update(withFinalizers(deleting));

        assertThat(cluster().get(configMaps(), "default", "settings")).isEmpty();
    }

    @Test
    default void backgroundDeletionTakesTheDependentsAfterTheOwner() {
        ObjectNode owner = cluster().create(configMap("owner", "app: web"));
        cluster().create(ownedBy(configMap("dependent", "app: web"), owner, false));
        cluster().create(ownedBy(configMap("grandchild", "app: web"), cluster().get(configMaps(), "default",
                "dependent").orElseThrow(), false));

        cluster().delete(configMaps(), "default", "owner", DeleteOptions.propagation(PropagationPolicy.BACKGROUND));

        assertThat(cluster().list(configMaps(), ListOptions.inNamespace("default"))).isEmpty();
    }

    @Test
    default void foregroundDeletionKeepsTheOwnerUntilBlockingDependentsAreGone() {
        ObjectNode owner = cluster().create(configMap("owner", "app: web"));
        cluster().create(withFinalizers(ownedBy(configMap("dependent", "app: web"), owner, true), "example.com/hold"));

        cluster().delete(configMaps(), "default", "owner", DeleteOptions.propagation(PropagationPolicy.FOREGROUND));

        ObjectNode waiting = cluster().get(configMaps(), "default", "owner").orElseThrow();
        assertThat(waiting.at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
        assertThat(waiting.at("/metadata/finalizers").toString()).contains("foregroundDeletion");
        ObjectNode dependent = cluster().get(configMaps(), "default", "dependent").orElseThrow();
        assertThat(dependent.at("/metadata/deletionTimestamp").isMissingNode()).isFalse();

        cluster().update(withFinalizers(dependent));

        assertThat(cluster().get(configMaps(), "default", "dependent")).isEmpty();
        assertThat(cluster().get(configMaps(), "default", "owner")).isEmpty();
    }

    @Test
    default void orphanDeletionKeepsTheDependentsAndDetachesThem() {
        ObjectNode owner = cluster().create(configMap("owner", "app: web"));
        cluster().create(ownedBy(configMap("dependent", "app: web"), owner, true));

        cluster().delete(configMaps(), "default", "owner", DeleteOptions.propagation(PropagationPolicy.ORPHAN));

        assertThat(cluster().get(configMaps(), "default", "owner")).isEmpty();
        ObjectNode dependent = cluster().get(configMaps(), "default", "dependent").orElseThrow();
        assertThat(dependent.at("/metadata/ownerReferences").isMissingNode()).isTrue();
    }

    @Test
    default void aDependentWithAnotherOwnerLosesOnlyTheReferenceToTheDeletedOne() {
        ObjectNode first = cluster().create(configMap("first", "app: web"));
        ObjectNode second = cluster().create(configMap("second", "app: web"));
        cluster().create(ownedBy(ownedBy(configMap("shared", "app: web"), first, false), second, false));

        cluster().delete(configMaps(), "default", "first");

        ObjectNode shared = cluster().get(configMaps(), "default", "shared").orElseThrow();
        assertThat(shared.at("/metadata/ownerReferences").findValuesAsText("name")).containsExactly("second");
    }

    @Test
    default void aDeletedNamespaceTerminatesUntilItsContentIsGone() {
        ResourceType namespaces = type("v1", "Namespace");
        cluster().create(yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"));
        cluster().create(KubernetesObjects.withNamespace(configMap("plain", "app: web"), "shop"));
        cluster().create(KubernetesObjects.withNamespace(withFinalizers(configMap("held", "app: web"),
                "example.com/hold"), "shop"));

        cluster().delete(namespaces, "", "shop");

        assertThat(cluster().get(namespaces, "", "shop").orElseThrow().at("/status/phase").asText())
                .isEqualTo("Terminating");
        assertThat(cluster().get(configMaps(), "shop", "plain")).isEmpty();
        assertThatThrownBy(() -> cluster().create(KubernetesObjects.withNamespace(configMap("new", "a: b"), "shop")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(403))
                .hasMessageContaining("because it is being terminated");

        cluster().patch(configMaps(), "shop", "held", Patch.merge(yaml("{metadata: {finalizers: null}}")),
                WriteOptions.defaults());

        assertThat(cluster().get(namespaces, "", "shop")).isEmpty();
    }

    @Test
    default void deletePreconditionsMustMatch() {
        ObjectNode created = cluster().create(configMap("settings", "app: web"));

        assertThatThrownBy(() -> cluster().delete(configMaps(), "default", "settings",
                DeleteOptions.defaults().withPreconditionUid("another-uid")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessageContaining("Precondition failed: UID in precondition: another-uid");
        assertThatThrownBy(() -> cluster().delete(configMaps(), "default", "settings",
                DeleteOptions.defaults().withPreconditionResourceVersion("1")))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(409));

        assertThat(cluster().delete(configMaps(), "default", "settings", DeleteOptions.defaults()
                .withPreconditionUid(created.at("/metadata/uid").asText())
                .withPreconditionResourceVersion(created.at("/metadata/resourceVersion").asText()))).isTrue();
    }

    private ResourceType configMaps() {
        return type("v1", "ConfigMap");
    }

    private static ObjectNode withFinalizers(ObjectNode object, String... finalizers) {
        ObjectNode copy = object.deepCopy();
        ArrayNode list = KubernetesObjects.metadata(copy).putArray("finalizers");
        List.of(finalizers).forEach(list::add);
        return copy;
    }

    private static ObjectNode ownedBy(ObjectNode object, ObjectNode owner, boolean blockOwnerDeletion) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = KubernetesObjects.metadata(copy);
        ArrayNode references = metadata.has("ownerReferences")
                ? (ArrayNode) metadata.get("ownerReferences")
                : metadata.putArray("ownerReferences");
        references.addObject().put("apiVersion", KubernetesObjects.apiVersion(owner))
                .put("kind", KubernetesObjects.kind(owner)).put("name", KubernetesObjects.name(owner))
                .put("uid", owner.at("/metadata/uid").asText()).put("blockOwnerDeletion", blockOwnerDeletion);
        return copy;
    }
}
