package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletion as a Kubernetes API server and its garbage collector do it, synchronously: finalizers
 * keep an object (with a deletionTimestamp) until they are removed; dependents named by
 * {@code ownerReferences} are deleted after their owner (Background), before it (Foreground) or
 * kept and detached (Orphan); a deleted Namespace is Terminating until everything in it is gone;
 * a deleted CustomResourceDefinition takes its custom resources and then its types with it.
 */
public final class Deletions {

    /** The finalizer that keeps a Foreground-deleted owner until its blocking dependents are gone. */
    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";
    /** The finalizer that keeps an Orphan-deleted owner until its dependents are detached. */
    public static final String ORPHAN_FINALIZER = "orphan";
    /** The finalizer that keeps a deleted CustomResourceDefinition until its custom resources are gone. */
    public static final String CRD_CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    private final ClusterState state;

    public Deletions(ClusterState state) {
        this.state = state;
    }

    /**
     * The result of a deletion request.
     *
     * @param object the object as it is now: its last state when removed, otherwise with its
     *     deletionTimestamp
     * @param removed whether it is gone
     */
    public record Outcome(ObjectNode object, boolean removed) {
    }

    /**
     * Deletes an object.
     *
     * @throws ClusterException 404 when it does not exist, 409 when a precondition fails
     */
    public Outcome delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        ObjectNode stored = state.store().get(type, namespace, name).orElseThrow(() -> ApiErrors.notFound(type, name));
        checkPreconditions(type, stored, options);
        String groupKind = type.groupKind();
        if (options.dryRun()) {
            return dryRun(stored, options);
        }
        return switch (groupKind) {
            case "/Namespace" -> deleteNamespace(stored);
            case "apiextensions.k8s.io/CustomResourceDefinition" -> deleteDefinition(stored);
            default -> startDeletion(groupKind, stored, options.propagationPolicy());
        };
    }

    /**
     * Removes an object whose deletion was pending once its last finalizer is gone; called by
     * writes that remove finalizers.
     *
     * @return whether it was removed
     */
    public boolean removeIfFinalized(String groupKind, ObjectNode stored) {
        if (!ClusterState.isDeleting(stored) || !isFinalized(stored)) {
            return false;
        }
        removeNow(groupKind, stored);
        return true;
    }

    private Outcome startDeletion(String groupKind, ObjectNode stored, Optional<PropagationPolicy> explicit) {
        if (ClusterState.isDeleting(stored)) {
            return new Outcome(stored, false);
        }
        List<String> finalizers = finalizersFor(stored, explicit);
        if (finalizers.isEmpty()) {
            return new Outcome(removeNow(groupKind, stored), true);
        }
        ObjectNode marked = markDeleting(groupKind, stored, finalizers);
        String uid = uid(marked);
        if (finalizers.contains(ORPHAN_FINALIZER)) {
            orphanDependents(uid);
            removeFinalizer(groupKind, uid, ORPHAN_FINALIZER);
        }
        if (finalizers.contains(FOREGROUND_FINALIZER)) {
            for (ObjectStore.Location location : state.store().dependentsOf(uid)) {
                state.store().get(location).ifPresent(dependent ->
                        startDeletion(location.groupKind(), dependent, Optional.of(PropagationPolicy.FOREGROUND)));
            }
            finishForegroundIfDone(uid);
        }
        return state.store().getByUid(uid).map(o -> new Outcome(o, false))
                .orElseGet(() -> new Outcome(marked, true));
    }

    /** The finalizers a deletion leaves on an object, with those of garbage collection per policy. */
    private List<String> finalizersFor(ObjectNode stored, Optional<PropagationPolicy> explicit) {
        List<String> finalizers = ObjectValidation.finalizers(stored);
        PropagationPolicy policy = explicit.orElse(finalizers.contains(ORPHAN_FINALIZER) ? PropagationPolicy.ORPHAN
                : finalizers.contains(FOREGROUND_FINALIZER) ? PropagationPolicy.FOREGROUND : PropagationPolicy.BACKGROUND);
        finalizers.remove(ORPHAN_FINALIZER);
        finalizers.remove(FOREGROUND_FINALIZER);
        boolean hasDependents = !state.store().dependentsOf(uid(stored)).isEmpty();
        if (hasDependents && policy == PropagationPolicy.ORPHAN) {
            finalizers.add(ORPHAN_FINALIZER);
        } else if (hasDependents && policy == PropagationPolicy.FOREGROUND) {
            finalizers.add(FOREGROUND_FINALIZER);
        }
        return finalizers;
    }

    private Outcome dryRun(ObjectNode stored, DeleteOptions options) {
        if (ClusterState.isDeleting(stored)) {
            return new Outcome(stored, false);
        }
        List<String> finalizers = finalizersFor(stored, options.propagationPolicy());
        boolean lingers = !finalizers.isEmpty() || stored.path("kind").asText().equals("Namespace");
        if (!lingers) {
            return new Outcome(stored, true);
        }
        ObjectNode wouldBe = stored.deepCopy();
        KubernetesObjects.metadata(wouldBe).put("deletionTimestamp", state.now()).put("deletionGracePeriodSeconds", 0);
        return new Outcome(wouldBe, false);
    }

    private Outcome deleteNamespace(ObjectNode namespace) {
        if (ClusterState.isDeleting(namespace)) {
            return new Outcome(namespace, false);
        }
        ObjectNode marked = namespace.deepCopy();
        KubernetesObjects.metadata(marked).put("deletionTimestamp", state.now()).put("deletionGracePeriodSeconds", 0);
        marked.putObject("status").put("phase", "Terminating");
        state.store().put("/Namespace", marked);
        String name = KubernetesObjects.name(namespace);
        for (String groupKind : state.store().groupKinds()) {
            for (ObjectNode object : new ArrayList<>(state.store().list(groupKind, name))) {
                startDeletion(groupKind, object, Optional.empty());
            }
        }
        finishNamespaceIfEmpty(name);
        return current("/Namespace", marked);
    }

    private Outcome deleteDefinition(ObjectNode crd) {
        if (ClusterState.isDeleting(crd)) {
            return new Outcome(crd, false);
        }
        List<String> finalizers = ObjectValidation.finalizers(crd);
        finalizers.add(CRD_CLEANUP_FINALIZER);
        ObjectNode marked = markDeleting("apiextensions.k8s.io/CustomResourceDefinition", crd, finalizers);
        String customGroupKind = customGroupKind(marked);
        for (ObjectNode object : new ArrayList<>(state.store().list(customGroupKind, ""))) {
            startDeletion(customGroupKind, object, Optional.empty());
        }
        finishDefinitionIfEmpty(customGroupKind);
        return current("apiextensions.k8s.io/CustomResourceDefinition", marked);
    }

    private Outcome current(String groupKind, ObjectNode marked) {
        return state.store().get(ObjectStore.locationOf(groupKind, marked))
                .map(o -> new Outcome(o, false)).orElseGet(() -> new Outcome(marked, true));
    }

    private ObjectNode markDeleting(String groupKind, ObjectNode stored, List<String> finalizers) {
        ObjectNode marked = stored.deepCopy();
        ObjectNode metadata = KubernetesObjects.metadata(marked);
        metadata.put("deletionTimestamp", state.now()).put("deletionGracePeriodSeconds", 0);
        ArrayNode list = metadata.putArray("finalizers");
        finalizers.forEach(list::add);
        if (metadata.has("generation")) {
            metadata.put("generation", metadata.path("generation").asLong() + 1);
        }
        return state.store().put(groupKind, marked);
    }

    private ObjectNode removeNow(String groupKind, ObjectNode stored) {
        ObjectNode last = state.store().remove(groupKind, stored);
        afterRemoval(groupKind, last);
        return last;
    }

    /** What the garbage collector and the namespace and CRD controllers do once an object is gone. */
    private void afterRemoval(String groupKind, ObjectNode removed) {
        String uid = uid(removed);
        for (ObjectStore.Location location : state.store().dependentsOf(uid)) {
            state.store().get(location).ifPresent(dependent -> collect(location.groupKind(), dependent));
        }
        for (JsonNode reference : removed.path("metadata").path("ownerReferences")) {
            finishForegroundIfDone(reference.path("uid").asText());
        }
        String namespace = KubernetesObjects.namespace(removed);
        if (!namespace.isEmpty()) {
            finishNamespaceIfEmpty(namespace);
        }
        if (state.types().definitionOf(groupKind).isPresent()) {
            finishDefinitionIfEmpty(groupKind);
        }
        if (groupKind.equals("apiextensions.k8s.io/CustomResourceDefinition")) {
            List<ResourceType> gone = state.types().unregister(KubernetesObjects.name(removed));
            gone.forEach(type -> state.store().dropAll(type.groupKind()));
            state.watches().end(gone::contains, new ClusterException(404, "NotFound",
                    "the server could not find the requested resource: " + KubernetesObjects.name(removed)
                            + " was deleted", Optional.empty()));
        }
    }

    /** A dependent whose owner is gone: deleted when no owner remains, otherwise detached from the missing ones. */
    private void collect(String groupKind, ObjectNode dependent) {
        ArrayNode remaining = JsonNodeFactory.instance.arrayNode();
        for (JsonNode reference : dependent.path("metadata").path("ownerReferences")) {
            if (state.store().getByUid(reference.path("uid").asText()).isPresent()) {
                remaining.add(reference);
            }
        }
        if (remaining.isEmpty()) {
            startDeletion(groupKind, dependent, Optional.of(PropagationPolicy.BACKGROUND));
        } else {
            ObjectNode detached = dependent.deepCopy();
            KubernetesObjects.metadata(detached).set("ownerReferences", remaining);
            state.store().put(groupKind, detached);
        }
    }

    private void orphanDependents(String ownerUid) {
        for (ObjectStore.Location location : state.store().dependentsOf(ownerUid)) {
            state.store().get(location).ifPresent(dependent -> {
                ObjectNode detached = dependent.deepCopy();
                ArrayNode references = KubernetesObjects.metadata(detached).putArray("ownerReferences");
                dependent.path("metadata").path("ownerReferences").forEach(reference -> {
                    if (!reference.path("uid").asText().equals(ownerUid)) {
                        references.add(reference);
                    }
                });
                if (references.isEmpty()) {
                    KubernetesObjects.metadata(detached).remove("ownerReferences");
                }
                state.store().put(location.groupKind(), detached);
            });
        }
    }

    /** Removes the foreground finalizer of a deleting owner once no dependent blocks it any more. */
    private void finishForegroundIfDone(String ownerUid) {
        Optional<ObjectNode> owner = state.store().getByUid(ownerUid);
        if (owner.isEmpty() || !ObjectValidation.finalizers(owner.get()).contains(FOREGROUND_FINALIZER)) {
            return;
        }
        for (ObjectStore.Location location : state.store().dependentsOf(ownerUid)) {
            Optional<ObjectNode> dependent = state.store().get(location);
            if (dependent.isPresent() && blocksOwnerDeletion(dependent.get(), ownerUid)) {
                return;
            }
        }
        removeFinalizer(groupKindOf(owner.get()), ownerUid, FOREGROUND_FINALIZER);
    }

    private void finishNamespaceIfEmpty(String name) {
        Optional<ObjectNode> namespace = state.namespace(name);
        if (namespace.isEmpty() || !ClusterState.isDeleting(namespace.get())) {
            return;
        }
        for (String groupKind : state.store().groupKinds()) {
            if (!state.store().list(groupKind, name).isEmpty()) {
                return;
            }
        }
        ObjectNode finalized = namespace.get().deepCopy();
        ((ObjectNode) finalized.path("spec")).putArray("finalizers");
        if (ObjectValidation.finalizers(finalized).isEmpty()) {
            removeNow("/Namespace", finalized);
        } else {
            state.store().put("/Namespace", finalized);
        }
    }

    private void finishDefinitionIfEmpty(String customGroupKind) {
        Optional<ObjectNode> crd = state.types().definitionOf(customGroupKind)
                .flatMap(name -> state.store().get(ClusterState.CRDS, "", name));
        if (crd.isPresent() && ClusterState.isDeleting(crd.get())
                && state.store().list(customGroupKind, "").isEmpty()) {
            removeFinalizer("apiextensions.k8s.io/CustomResourceDefinition", uid(crd.get()), CRD_CLEANUP_FINALIZER);
        }
    }

    private void removeFinalizer(String groupKind, String uid, String finalizer) {
        state.store().getByUid(uid).ifPresent(stored -> {
            List<String> finalizers = ObjectValidation.finalizers(stored);
            if (!finalizers.remove(finalizer)) {
                return;
            }
            ObjectNode updated = stored.deepCopy();
            ArrayNode list = KubernetesObjects.metadata(updated).putArray("finalizers");
            finalizers.forEach(list::add);
            if (finalizers.isEmpty()) {
                KubernetesObjects.metadata(updated).remove("finalizers");
            }
            if (!removeIfFinalized(groupKind, updated)) {
                state.store().put(groupKind, updated);
            }
        });
    }

    private void checkPreconditions(ResourceType type, ObjectNode stored, DeleteOptions options) {
        String uid = uid(stored);
        String version = stored.path("metadata").path("resourceVersion").asText();
        if (!options.preconditionUid().isEmpty() && !options.preconditionUid().equals(uid)) {
            throw ApiErrors.conflict(type, KubernetesObjects.name(stored), "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + uid);
        }
        if (!options.preconditionResourceVersion().isEmpty() && !options.preconditionResourceVersion().equals(version)) {
            throw ApiErrors.conflict(type, KubernetesObjects.name(stored), "Precondition failed: ResourceVersion in "
                    + "precondition: " + options.preconditionResourceVersion() + ", ResourceVersion in object meta: "
                    + version);
        }
    }

    /** Whether nothing keeps a deleting object any more: no finalizers (and, for a Namespace, no spec finalizers). */
    private static boolean isFinalized(JsonNode object) {
        boolean namespace = object.path("kind").asText().equals("Namespace");
        return ObjectValidation.finalizers(object).isEmpty()
                && (!namespace || object.path("spec").path("finalizers").isEmpty());
    }

    private static boolean blocksOwnerDeletion(JsonNode dependent, String ownerUid) {
        for (JsonNode reference : dependent.path("metadata").path("ownerReferences")) {
            if (reference.path("uid").asText().equals(ownerUid) && reference.path("blockOwnerDeletion").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private String customGroupKind(JsonNode crd) {
        return crd.path("spec").path("group").asText() + "/" + crd.path("spec").path("names").path("kind").asText();
    }

    private static String groupKindOf(JsonNode object) {
        String apiVersion = KubernetesObjects.apiVersion(object);
        int slash = apiVersion.indexOf('/');
        return (slash < 0 ? "" : apiVersion.substring(0, slash)) + "/" + KubernetesObjects.kind(object);
    }

    private static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText();
    }
}
