package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PatchType;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.patch.PatchException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Create, update, status update, patch and server-side apply as a Kubernetes API server runs
 * them: namespace and CRD lifecycle checks, server-owned metadata (uid, resourceVersion,
 * generation, creationTimestamp), server-side defaults, a Service's cluster IP and node ports,
 * status as a subresource, validation, immutable fields, optimistic concurrency, managed
 * fields, no-op writes that change nothing, dry runs that store nothing, and removal of a
 * deleting object once its last finalizer is gone.
 *
 * <p>Methods return the stored tree (or, on a dry run, the tree that would be stored), which the
 * caller must copy before handing out. Not thread-safe: the cluster's lock guards it.
 */
public final class Writes {

    /** The manager of writes that name none (and, over HTTP, come with no user agent). */
    private static final String UNKNOWN_MANAGER = "unknown";

    private static final String NAME_SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    /** Metadata the server owns: a write cannot set it. */
    private static final List<String> SERVER_METADATA = List.of("uid", "creationTimestamp", "generation",
            "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields");
    private static final Set<String> NOT_SPEC = Set.of("metadata", "apiVersion", "kind");

    /** What a write replaces: the whole object or its status; how it records field ownership. */
    private enum Mode {
        UPDATE("", false), STATUS_UPDATE("status", false), SCALE_UPDATE("scale", false), APPLY("", true),
        STATUS_APPLY("status", true);

        /** The subresource written through, empty for the main resource. */
        final String subresource;
        final boolean status;
        final boolean apply;

        Mode(String subresource, boolean apply) {
            this.subresource = subresource;
            this.status = subresource.equals("status");
            this.apply = apply;
        }
    }

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
        return create(type, given, options, false);
    }

    /** Replaces an object of the type its apiVersion and kind name. */
    public ObjectNode update(ObjectNode given, WriteOptions options) {
        ResourceType type = state.requireTypeOf(given);
        ObjectNode object = scoped(given.deepCopy(), type);
        return replace(type, requireStored(type, object), object, options, Mode.UPDATE);
    }

    /** Replaces the status of an object through its status subresource. */
    public ObjectNode updateStatus(ObjectNode given, WriteOptions options) {
        ResourceType type = state.requireTypeOf(given);
        ObjectNode object = scoped(given.deepCopy(), type);
        ObjectNode stored = requireStored(type, object);
        requireStatusSubresource(type, KubernetesObjects.name(object));
        return replace(type, stored, object, options, Mode.STATUS_UPDATE);
    }

    /**
     * Replaces an object through its scale subresource: {@code scaled}, which the caller hands
     * over, is a copy of the stored object with other replicas (and a resourceVersion
     * precondition); the write is recorded for the {@code scale} subresource in managedFields.
     */
    public ObjectNode updateScale(ResourceType type, ObjectNode scaled, WriteOptions options) {
        ObjectNode object = scoped(scaled, type);
        return replace(type, requireStored(type, object), object, options, Mode.SCALE_UPDATE);
    }

    /**
     * Patches an object, or only its status through the status subresource; a server-side apply
     * ({@link io.gitops4j.cluster.PatchType#APPLY}) creates the object when it does not exist.
     *
     * @param status whether the patch goes to the status subresource
     */
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options,
            boolean status) {
        String scopedNamespace = type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "";
        if (status) {
            requireStatusSubresource(type, name);
        }
        if (patch.type() == PatchType.APPLY) {
            return apply(type, scopedNamespace, name, (ObjectNode) patch.body(), options, status);
        }
        ObjectNode stored = state.store().get(type, scopedNamespace, name).orElseThrow(() -> ApiErrors.notFound(type, name));
        // A copy: the patched tree may hold nodes of the caller's patch, and replace defaults its candidate in place.
        ObjectNode patched = scoped(Patches.apply(type, name, ClusterState.served(stored, type), patch).deepCopy(), type);
        requireSameIdentity(type, name, scopedNamespace, patched);
        return replace(type, stored, patched, options, status ? Mode.STATUS_UPDATE : Mode.UPDATE);
    }

    private ObjectNode apply(ResourceType type, String namespace, String name, ObjectNode given, WriteOptions options,
            boolean status) {
        ObjectNode configuration = ApplyConfigurations.check(type, namespace, name, given, options);
        boolean statusSubresource = state.types().hasStatusSubresource(type);
        if (status) {
            configuration = ApplyConfigurations.onlyStatus(configuration);
        } else if (statusSubresource) {
            configuration.remove("status");
        }
        ManagedFields.Writer writer = new ManagedFields.Writer(options.fieldManager(), type.apiVersion(),
                status ? "status" : "", state.types().schemaOf(type));
        ObjectNode stored = state.store().get(type, namespace, name).orElse(null);
        try {
            ServerSideApply.Applied applied = ServerSideApply.apply(stored, configuration, writer, options.force(),
                    state.now(), state.store());
            if (stored == null && status) {
                throw ApiErrors.notFound(type, name);
            }
            ObjectNode result = stored == null ? create(type, applied.object(), options, true)
                    : replace(type, stored, applied.object(), options, status ? Mode.STATUS_APPLY : Mode.APPLY);
            if (state.store().get(type, namespace, name).orElse(null) == result) {
                // Stored (not a dry run, not finalized away): the next apply need not decode its managedFields.
                ManagedFields.remember(result, applied.managedFields(), state.store());
            }
            return result;
        } catch (PatchException e) {
            throw ApiErrors.invalid(type, name, e.getMessage());
        }
    }

    private ObjectNode create(ResourceType type, ObjectNode given, WriteOptions options, boolean applied) {
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
        JsonNode appliedFields = metadata.get("managedFields");
        metadata.remove(SERVER_METADATA);
        metadata.remove("selfLink");
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", state.now());
        if (KindBehaviour.tracksGeneration(type, isCustom(type))) {
            metadata.put("generation", 1);
        }
        boolean statusSubresource = state.types().hasStatusSubresource(type);
        if (statusSubresource) {
            object.remove("status");
        }
        object = ServerDefaults.applyInPlace(object);
        KindBehaviour.beforeStore(type, object, null, state.now());
        ObjectValidation.check(type, object, null);
        if (applied) {
            KubernetesObjects.metadata(object).set("managedFields", appliedFields);
        } else {
            ManagedFields.recordUpdate(null, object, writer(type, options, ""), statusSubresource, state.now(),
                    state.store());
        }
        if (type.is("", "Service")) {
            ServiceAllocations.allocate(object, null, state.store());
        }
        return options.dryRun() ? object : stored(type, object);
    }

    /** Replaces {@code stored} with {@code candidate}, which the caller hands over whole (it is defaulted in place). */
    private ObjectNode replace(ResourceType type, ObjectNode stored, ObjectNode candidate, WriteOptions options,
            Mode mode) {
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
        boolean statusSubresource = state.types().hasStatusSubresource(type);
        JsonNode givenFields = candidate.path("metadata").get("managedFields");
        ObjectNode next = mode.status ? withStatusOf(stored, candidate) : withServerFields(type, stored, candidate);
        if (mode.apply) {
            KubernetesObjects.metadata(next).set("managedFields", givenFields);
        } else if (!mode.status && givenFields != null && givenFields.isArray() && !givenFields.isEmpty()) {
            // A client that writes managedFields itself (a migration from client-side apply, say) sets them.
            ManagedFields.recordUpdate(ManagedFields.decode(candidateWith(givenFields)), stored, next,
                    writer(type, options, ""), statusSubresource, state.now());
        } else {
            ManagedFields.recordUpdate(stored, next, writer(type, options, mode.subresource), statusSubresource,
                    state.now(), state.store());
        }
        if (!mode.status && type.is("", "Service")) {
            ServiceAllocations.allocate(next, stored, state.store());
        }
        KubernetesObjects.metadata(next).put("resourceVersion", storedVersion);
        if (next.equals(stored)) {
            return stored;
        }
        if (options.dryRun()) {
            return next;
        }
        ObjectNode result = stored(type, next);
        deletions.removeIfFinalized(type.groupKind(), result);
        return result;
    }

    private static ObjectNode candidateWith(JsonNode managedFields) {
        ObjectNode holder = Json.object();
        holder.putObject("metadata").set("managedFields", managedFields);
        return holder;
    }

    /**
     * The candidate with what the server owns taken from the stored object, defaulted and
     * validated. The candidate is changed: the caller owns it whole (it shares no node with the
     * stored object or the caller's request).
     */
    private ObjectNode withServerFields(ResourceType type, ObjectNode stored, ObjectNode candidate) {
        ObjectNode metadata = KubernetesObjects.metadata(candidate);
        metadata.remove(SERVER_METADATA);
        metadata.remove("selfLink");
        JsonNode storedMetadata = stored.path("metadata");
        for (String field : SERVER_METADATA) {
            // managedFields are written once the object is defaulted (see replace): not copied through the defaulting.
            if (storedMetadata.has(field) && !field.equals("managedFields")) {
                metadata.set(field, storedMetadata.get(field));
            }
        }
        boolean statusSubresource = state.types().hasStatusSubresource(type);
        if (statusSubresource) {
            candidate.remove("status");
            if (stored.has("status")) {
                candidate.set("status", stored.get("status").deepCopy());
            }
        }
        ObjectNode next = ServerDefaults.applyInPlace(candidate);
        KindBehaviour.beforeStore(type, next, stored, state.now());
        ObjectValidation.check(type, next, stored);
        ImmutableFields.check(type, stored, next);
        if (next.path("metadata").has("generation") && !sameSpec(next, stored, statusSubresource)) {
            KubernetesObjects.metadata(next).put("generation", next.path("metadata").path("generation").asLong() + 1);
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
        ObjectNode result = state.store().put(type.groupKind(), object);
        if (type.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
            state.types().register(result);
        }
        return result;
    }

    private ManagedFields.Writer writer(ResourceType type, WriteOptions options, String subresource) {
        String manager = options.fieldManager().isEmpty() ? UNKNOWN_MANAGER : options.fieldManager();
        return new ManagedFields.Writer(manager, type.apiVersion(), subresource, state.types().schemaOf(type));
    }

    private void checkCanCreateIn(ResourceType type, String namespace, String name) {
        if (isCustom(type)) {
            state.types().definitionOf(type.groupKind())
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

    private void requireStatusSubresource(ResourceType type, String name) {
        if (!state.types().hasStatusSubresource(type)) {
            throw ApiErrors.notFound(type, name + "/status");
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

    private static void requireSameIdentity(ResourceType type, String name, String namespace, ObjectNode patched) {
        if (!KubernetesObjects.name(patched).equals(name) || !KubernetesObjects.namespace(patched).equals(namespace)) {
            throw ApiErrors.badRequest("the patch of " + ApiErrors.resource(type) + " \"" + name
                    + "\" may not change its name or namespace");
        }
    }

    private boolean isCustom(ResourceType type) {
        return state.types().definitionOf(type.groupKind()).isPresent();
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
