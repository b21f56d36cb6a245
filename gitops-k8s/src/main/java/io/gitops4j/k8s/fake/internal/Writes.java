package io.gitops4j.k8s.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.k8s.Patch;
import io.gitops4j.k8s.ResourceType;
import io.gitops4j.k8s.WriteOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Create, update, status update and patch as a Kubernetes API server runs them: namespace and
 * CRD lifecycle checks, server-owned metadata (uid, resourceVersion, generation,
 * creationTimestamp), status as a subresource, validation, immutable fields, optimistic
 * concurrency, no-op writes that change nothing, dry runs that store nothing, and removal of a
 * deleting object once its last finalizer is gone.
 *
 * <p>Methods return the stored tree (or, on a dry run, the tree that would be stored), which the
 * caller must copy before handing out. Not thread-safe: the cluster's lock guards it.
 */
public final class Writes {

    private static final String NAME_SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    /** Metadata the server owns: a write cannot set it. */
    private static final List<String> SERVER_METADATA = List.of("uid", "creationTimestamp", "generation",
            "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields");

    private static final Set<String> NOT_SPEC = Set.of("metadata", "apiVersion", "kind");

    private final ClusterState state;
    private final Deletions deletions;

    public Writes(ClusterState state, Deletions deletions) {
        this.state = state;
        this.deletions = deletions;
    }

    /** Creates an object of the type its apiVersion and kind name. */
    public ObjectNode create(ObjectNode given, WriteOptions options) {
        return create(state.requireTypeOf(given), given, options);
    }

    /** Creates an object of {@code type}. */
    public ObjectNode create(ResourceType type, ObjectNode given, WriteOptions options) {
        ObjectNode object = scoped(given.deepCopy(), type);
        ObjectNode metadata = KubernetesObjects.metadata(object);
        if (!metadata.path("resourceVersion").asText("").isEmpty()) {
            throw ApiErrors.badRequest("resourceVersion should not be set on objects to be created");
        }
        if (KubernetesObjects.name(object).isEmpty() && metadata.hasNonNull("generateName")) {
            metadata.put("name", metadata.get("generateName").asText() + randomSuffix());
        }
        String name = KubernetesObjects.name(object);
        if (name.isEmpty()) {
            throw ApiErrors.invalid(type, name, "metadata.name: Required value: name or generateName is required");
        }
        checkCanCreateIn(type, KubernetesObjects.namespace(object), name);
        if (state.store().get(type, KubernetesObjects.namespace(object), name).isPresent()) {
            throw ApiErrors.alreadyExists(type, name);
        }
        metadata.remove(SERVER_METADATA);
        metadata.remove("selfLink");
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", state.now());
        if (KindBehaviour.tracksGeneration(type, isCustom(type))) {
            metadata.put("generation", 1);
        }
        if (state.types().hasStatusSubresource(type)) {
            object.remove("status");
        }
        KindBehaviour.beforeStore(type, object, null, state.now());
        ObjectValidation.check(type, object, null);
        return options.dryRun() ? object : stored(type, object);
    }

    /** Replaces an object of the type its apiVersion and kind name. */
    public ObjectNode update(ObjectNode given, WriteOptions options) {
        ResourceType type = state.requireTypeOf(given);
        ObjectNode object = scoped(given.deepCopy(), type);
        return replace(type, requireStored(type, object), object, options, false);
    }

    /** Replaces the status of an object through its status subresource. */
    public ObjectNode updateStatus(ObjectNode given, WriteOptions options) {
        ResourceType type = state.requireTypeOf(given);
        ObjectNode object = scoped(given.deepCopy(), type);
        ObjectNode stored = requireStored(type, object);
        if (!state.types().hasStatusSubresource(type)) {
            throw ApiErrors.notFound(type, KubernetesObjects.name(object) + "/status");
        }
        return replace(type, stored, object, options, true);
    }

    /**
     * Patches an object, or only its status through the status subresource.
     *
     * @param status whether the patch goes to the status subresource
     */
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options,
            boolean status) {
        String scopedNamespace = type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "";
        ObjectNode stored = state.store().get(type, scopedNamespace, name).orElseThrow(() -> ApiErrors.notFound(type, name));
        ObjectNode patched = scoped(Patches.apply(type, name, ClusterState.served(stored, type), patch), type);
        if (!KubernetesObjects.name(patched).equals(name) || !KubernetesObjects.namespace(patched).equals(scopedNamespace)) {
            throw ApiErrors.badRequest("the patch of " + ApiErrors.resource(type) + " \"" + name
                    + "\" may not change its name or namespace");
        }
        if (status && !state.types().hasStatusSubresource(type)) {
            throw ApiErrors.notFound(type, name + "/status");
        }
        return replace(type, stored, patched, options, status);
    }

    private ObjectNode replace(ResourceType type, ObjectNode stored, ObjectNode candidate, WriteOptions options,
            boolean statusOnly) {
        String name = KubernetesObjects.name(stored);
        String storedVersion = stored.path("metadata").path("resourceVersion").asText();
        String givenVersion = candidate.path("metadata").path("resourceVersion").asText("");
        if (!givenVersion.isEmpty() && !givenVersion.equals(storedVersion)) {
            throw ApiErrors.modified(type, name);
        }
        String storedUid = stored.path("metadata").path("uid").asText();
        String givenUid = candidate.path("metadata").path("uid").asText("");
        if (!givenUid.isEmpty() && !givenUid.equals(storedUid)) {
            throw ApiErrors.conflict(type, name, "Precondition failed: UID in precondition: " + givenUid
                    + ", UID in object meta: " + storedUid);
        }
        ObjectNode next = statusOnly ? withStatusOf(stored, candidate) : withServerFields(type, stored, candidate);
        KubernetesObjects.metadata(next).put("resourceVersion", storedVersion);
        if (next.equals(stored)) {
            return stored;
        }
        if (options.dryRun()) {
            return next;
        }
        ObjectNode result = stored(type, next);
        deletions.removeIfFinalized(ServedType.groupKind(type), result);
        return result;
    }

    /** The candidate (which this changes) with what the server owns taken from the stored object, validated. */
    private ObjectNode withServerFields(ResourceType type, ObjectNode stored, ObjectNode next) {
        ObjectNode metadata = KubernetesObjects.metadata(next);
        metadata.remove(SERVER_METADATA);
        metadata.remove("selfLink");
        JsonNode storedMetadata = stored.path("metadata");
        for (String field : SERVER_METADATA) {
            if (storedMetadata.has(field)) {
                metadata.set(field, storedMetadata.get(field));
            }
        }
        boolean statusSubresource = state.types().hasStatusSubresource(type);
        if (statusSubresource) {
            next.remove("status");
            if (stored.has("status")) {
                next.set("status", stored.get("status"));
            }
        }
        KindBehaviour.beforeStore(type, next, stored, state.now());
        ObjectValidation.check(type, next, stored);
        ImmutableFields.check(type, stored, next);
        if (metadata.has("generation") && !sameSpec(next, stored, statusSubresource)) {
            metadata.put("generation", metadata.path("generation").asLong() + 1);
        }
        return next;
    }

    private static ObjectNode withStatusOf(ObjectNode stored, ObjectNode candidate) {
        ObjectNode next = stored.deepCopy();
        next.remove("status");
        if (candidate.has("status")) {
            next.set("status", candidate.get("status"));
        }
        return next;
    }

    private ObjectNode stored(ResourceType type, ObjectNode object) {
        ObjectNode result = state.store().put(ServedType.groupKind(type), object);
        if (type.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
            state.types().register(result);
        }
        return result;
    }

    private void checkCanCreateIn(ResourceType type, String namespace, String name) {
        if (isCustom(type)) {
            state.types().definitionOf(ServedType.groupKind(type))
                    .flatMap(crd -> state.store().get(ClusterState.CRDS, "", crd))
                    .filter(ClusterState::isDeleting)
                    .ifPresent(crd -> {
                        throw ApiErrors.methodNotAllowed("create not allowed while custom resource definition is "
                                + "terminating");
                    });
        }
        if (!type.namespaced()) {
            return;
        }
        ObjectNode ns = state.namespace(namespace).orElseThrow(() -> ApiErrors.notFound(ClusterState.NAMESPACES, namespace));
        if (ClusterState.isDeleting(ns)) {
            throw ApiErrors.forbidden(type, name, "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    private ObjectNode requireStored(ResourceType type, ObjectNode object) {
        String name = KubernetesObjects.name(object);
        if (name.isEmpty()) {
            throw ApiErrors.invalid(type, name, "metadata.name: Required value: name is required");
        }
        return state.store().get(type, KubernetesObjects.namespace(object), name)
                .orElseThrow(() -> ApiErrors.notFound(type, name));
    }

    private boolean isCustom(ResourceType type) {
        return state.types().definitionOf(ServedType.groupKind(type)).isPresent();
    }

    /** The object with the namespace its type's scope calls for: defaulted, or removed. */
    static ObjectNode scoped(ObjectNode object, ResourceType type) {
        ObjectNode metadata = KubernetesObjects.metadata(object);
        if (!type.namespaced()) {
            metadata.remove("namespace");
        } else if (KubernetesObjects.namespace(object).isEmpty()) {
            metadata.put("namespace", "default");
        }
        return object;
    }

    /**
     * Whether two states of an object have the same spec, as generation counts it: everything but
     * metadata, apiVersion, kind, and status when it is a subresource.
     */
    private static boolean sameSpec(ObjectNode a, ObjectNode b, boolean statusSubresource) {
        Set<String> fields = new HashSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        b.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            boolean counts = !NOT_SPEC.contains(field) && !(statusSubresource && field.equals("status"));
            if (counts && !a.path(field).equals(b.path(field))) {
                return false;
            }
        }
        return true;
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_SUFFIX_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(NAME_SUFFIX_CHARACTERS.length())));
        }
        return suffix.toString();
    }
}
