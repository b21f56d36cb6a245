package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.fake.internal.ClusterState;
import io.gitops4j.fake.internal.Deletions;
import io.gitops4j.fake.internal.ObjectStore;
import io.gitops4j.fake.internal.Writes;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a simulated controller works with during one tick: the stored objects (read-only trees;
 * copy before changing), and writes that go straight to the store, as a controller's own
 * requests do, without fault injection. Used under the cluster's lock.
 */
final class ControllerContext {

    /** The field manager the controllers write as. */
    static final WriteOptions AS_CONTROLLER = WriteOptions.fieldManager("kube-controller-manager");

    private final ClusterState state;
    private final Writes writes;
    private final Deletions deletions;
    private final ControllerSettings settings;

    ControllerContext(ClusterState state, Writes writes, Deletions deletions, ControllerSettings settings) {
        this.state = state;
        this.writes = writes;
        this.deletions = deletions;
        this.settings = settings;
    }

    ControllerSettings settings() {
        return settings;
    }

    String now() {
        return state.now();
    }

    /** The stored objects of a group and kind ({@code apps/Deployment}), sorted by namespace and name. */
    List<ObjectNode> all(String groupKind) {
        return List.copyOf(state.store().list(groupKind, ""));
    }

    /** The live (not deleting) objects of a kind whose controller is {@code owner}, oldest first. */
    List<ObjectNode> controlledBy(JsonNode owner, String groupKind) {
        List<ObjectNode> owned = new ArrayList<>();
        String uid = uid(owner);
        for (ObjectStore.Location location : state.store().dependentsOf(uid)) {
            if (!location.groupKind().equals(groupKind)) {
                continue;
            }
            state.store().get(location).ifPresent(object -> {
                if (!ClusterState.isDeleting(object) && isControlledBy(object, uid)) {
                    owned.add(object);
                }
            });
        }
        owned.sort(Comparator.comparing((ObjectNode o) -> o.at("/metadata/creationTimestamp").asText())
                .thenComparing(KubernetesObjects::name));
        return owned;
    }

    /** The stored state of an object now (it may have changed since it was read this tick). */
    ObjectNode current(JsonNode object) {
        return state.store().getByUid(uid(object)).orElseThrow();
    }

    ObjectNode create(ObjectNode object) {
        return writes.create(object, AS_CONTROLLER);
    }

    ObjectNode update(ObjectNode object) {
        return writes.update(object, AS_CONTROLLER);
    }

    /** Binds a pod to a node, as the scheduler does through the binding subresource; returns the bound pod. */
    ObjectNode bind(ObjectNode pod, String node) {
        ObjectNode bound = pod.deepCopy();
        ((ObjectNode) bound.path("spec")).put("nodeName", node);
        return state.store().put("/Pod", bound);
    }

    /** Writes {@code status} into {@code stored} through the status subresource, unless it is unchanged. */
    void writeStatus(ObjectNode stored, ObjectNode status) {
        if (status.equals(stored.get("status"))) {
            return;
        }
        ObjectNode updated = stored.deepCopy();
        updated.set("status", status);
        writes.updateStatus(updated, AS_CONTROLLER);
    }

    void delete(ObjectNode object) {
        ResourceType type = state.requireTypeOf(object);
        deletions.delete(type, KubernetesObjects.namespace(object), KubernetesObjects.name(object),
                DeleteOptions.defaults());
    }

    /** An owner reference to {@code owner} marking it as the controller. */
    static ObjectNode controllerReference(JsonNode owner) {
        return Json.object().put("apiVersion", KubernetesObjects.apiVersion(owner))
                .put("kind", KubernetesObjects.kind(owner)).put("name", KubernetesObjects.name(owner))
                .put("uid", uid(owner)).put("controller", true).put("blockOwnerDeletion", true);
    }

    static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText();
    }

    private static boolean isControlledBy(JsonNode object, String ownerUid) {
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (reference.path("uid").asText().equals(ownerUid) && reference.path("controller").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
