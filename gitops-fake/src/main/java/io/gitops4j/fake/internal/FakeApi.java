package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.PatchType;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.LabelSelector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The fake API server's verbs, shared by the in-process {@code FakeCluster} and the HTTP
 * server: each runs the request hook (fault injection), then the verb under one lock, then
 * delivers the watch events the verb caused. Objects go in and come out as copies.
 */
public final class FakeApi {

    private final ClusterState state;
    private final Writes writes;
    private final Deletions deletions;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile RequestHook hook = RequestHook.NONE;

    /**
     * @param clock the time stamped into objects
     * @param historySize how many changes watches can resume from
     */
    public FakeApi(Clock clock, int historySize) {
        this.state = ClusterState.create(clock, historySize);
        this.deletions = new Deletions(state);
        this.writes = new Writes(state, deletions);
    }

    /** Sets the hook every client request runs first. */
    public void hook(RequestHook requestHook) {
        this.hook = requestHook;
    }

    /** The served types with their discovery details. */
    public List<ServedType> servedTypes() {
        return locked(() -> state.types().served());
    }

    /** The served type for a group, version and kind. */
    public Optional<ServedType> servedType(String group, String version, String kind) {
        return locked(() -> state.types().find(group, version, kind));
    }

    /** The served type for a group, version and resource (plural) name. */
    public Optional<ServedType> servedTypeByResource(String group, String version, String plural) {
        return locked(() -> state.types().findByResource(group, version, plural));
    }

    /** The versions served in a group, most preferred first. */
    public List<String> versionsOf(String group) {
        return locked(() -> state.types().versionsOf(group));
    }

    /** The API groups served besides the core group. */
    public List<String> groups() {
        return locked(() -> state.types().groups());
    }

    /** The current resourceVersion of the cluster. */
    public String resourceVersion() {
        return locked(() -> Long.toString(state.store().revision()));
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        hook.before("get", type);
        return locked(() -> state.store().get(type, scopedNamespace(type, namespace), name)
                .map(stored -> ClusterState.served(stored, type)));
    }

    public ResourceList list(ResourceType type, ListOptions options) {
        hook.before("list", type);
        Predicate<JsonNode> selects = selection(type, options);
        return locked(() -> {
            List<ObjectNode> items = new ArrayList<>();
            for (ObjectNode stored : candidates(type, options)) {
                if (selects.test(stored)) {
                    items.add(ClusterState.served(stored, type));
                }
            }
            return new ResourceList(items, Long.toString(state.store().revision()));
        });
    }

    /**
     * One page of a list ({@code limit} and {@code continue}): every page of a list shows the
     * objects as they were at its first page's resourceVersion.
     *
     * @param limit the most objects to give, 0 for all
     * @param continueToken the previous page's token, empty for the first page
     * @throws ClusterException 400 for a token this server did not give, 410 for one too old
     */
    public ListPage listPage(ResourceType type, ListOptions options, long limit, String continueToken) {
        hook.before("list", type);
        Predicate<JsonNode> selects = selection(type, options);
        boolean selective = !options.labelSelector().isEverything() || !options.fieldSelector().isEverything();
        return locked(() -> {
            ListPages.Page page = ListPages.page(state, type, scopedListNamespace(type, options), selects, selective,
                    limit, continueToken);
            List<ObjectNode> items = new ArrayList<>();
            page.items().forEach(stored -> items.add(ClusterState.served(stored, type)));
            return new ListPage(new ResourceList(items, Long.toString(page.resourceVersion())), page.continueToken(),
                    page.remaining());
        });
    }

    /**
     * A page of a list.
     *
     * @param continueToken the token for the next page, empty on the last page
     * @param remaining how many objects the next pages hold, when the list has no selector
     */
    public record ListPage(ResourceList list, String continueToken, OptionalLong remaining) {
    }

    public ObjectNode create(ResourceType type, ObjectNode object, WriteOptions options) {
        hook.before("create", type);
        return write(() -> ClusterState.served(writes.create(type, object, options), type));
    }

    public ObjectNode update(ResourceType type, ObjectNode object, WriteOptions options) {
        hook.before("update", type);
        return write(() -> ClusterState.served(writes.update(object, options), type));
    }

    public ObjectNode updateStatus(ResourceType type, ObjectNode object, WriteOptions options) {
        hook.before("update", type);
        return write(() -> ClusterState.served(writes.updateStatus(object, options), type));
    }

    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        hook.before("patch", type);
        return write(() -> ClusterState.served(writes.patch(type, namespace, name, patch, options, false), type));
    }

    /** Patches the status of an object through its status subresource. */
    public ObjectNode patchStatus(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        hook.before("patch", type);
        return write(() -> ClusterState.served(writes.patch(type, namespace, name, patch, options, true), type));
    }

    /**
     * The Scale of an object with a scale subresource.
     *
     * @throws ClusterException 404 when the object does not exist or its type has no scale subresource
     */
    public ObjectNode getScale(ResourceType type, String namespace, String name) {
        hook.before("get", type);
        return locked(() -> {
            ScaleSubresource scale = scaleSubresource(type, name);
            return scale.scaleOf(storedOrNotFound(type, namespace, name));
        });
    }

    /** Sets an object's replicas through its scale subresource; answers the new Scale. */
    public ObjectNode updateScale(ResourceType type, String namespace, String name, ObjectNode scale,
            WriteOptions options) {
        hook.before("update", type);
        return write(() -> {
            ScaleSubresource subresource = scaleSubresource(type, name);
            ObjectNode stored = storedOrNotFound(type, namespace, name);
            return subresource.scaleOf(writes.updateScale(type, subresource.scaled(type, stored, scale), options));
        });
    }

    /**
     * Patches an object's Scale (JSON, merge or strategic merge patch) and writes its replicas back.
     *
     * @throws ClusterException 415 for a server-side apply, which the fake does not serve on the scale subresource
     */
    public ObjectNode patchScale(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        hook.before("patch", type);
        if (patch.type() == PatchType.APPLY) {
            throw new ClusterException(415, "UnsupportedMediaType", "the fake cluster does not serve server-side "
                    + "apply on the scale subresource: send a merge patch or an update of the Scale", Optional.empty());
        }
        return write(() -> {
            ScaleSubresource subresource = scaleSubresource(type, name);
            ObjectNode stored = storedOrNotFound(type, namespace, name);
            ObjectNode patched = Patches.apply(ScaleSubresource.SCALE, name, subresource.scaleOf(stored), patch);
            return subresource.scaleOf(writes.updateScale(type, subresource.scaled(type, stored, patched), options));
        });
    }

    /** The CustomResourceDefinition (a copy) that defines a type; empty for a built-in type. */
    public Optional<ObjectNode> customResourceDefinition(ResourceType type) {
        return locked(() -> definitionOf(type).map(ObjectNode::deepCopy));
    }

    /** The time on the cluster's clock. */
    public Instant now() {
        return state.clock().instant();
    }

    private Optional<ObjectNode> definitionOf(ResourceType type) {
        return state.types().definitionOf(type.groupKind())
                .flatMap(definition -> state.store().get(ClusterState.CRDS, "", definition));
    }

    private ScaleSubresource scaleSubresource(ResourceType type, String name) {
        Optional<ObjectNode> crd = definitionOf(type);
        return state.types().find(type).flatMap(served -> ScaleSubresource.of(served, crd))
                .orElseThrow(() -> ApiErrors.notFound(type, name + "/scale"));
    }

    private ObjectNode storedOrNotFound(ResourceType type, String namespace, String name) {
        return state.store().get(type, scopedNamespace(type, namespace), name)
                .orElseThrow(() -> ApiErrors.notFound(type, name));
    }

    /**
     * Deletes an object.
     *
     * @throws ClusterException 404 when it does not exist
     */
    public Deletions.Outcome delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        hook.before("delete", type);
        return write(() -> {
            Deletions.Outcome outcome = deletions.delete(type, scopedNamespace(type, namespace), name, options);
            return new Deletions.Outcome(ClusterState.served(outcome.object(), type), outcome.removed());
        });
    }

    /**
     * Opens a watch.
     *
     * @param resourceVersion empty or "0" for "now" (with ADDED events for what exists), otherwise
     *     the resourceVersion after which to send changes
     */
    public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
        hook.before("watch", type);
        Predicate<JsonNode> selects = selection(type, options);
        OptionalLong from = parseResourceVersion(resourceVersion);
        return write(() -> state.watches().open(type.groupKind(), type, selects, listener, from,
                from.isPresent() ? List.of() : List.copyOf(state.store().list(type.groupKind(),
                        scopedListNamespace(type, options))), state.store().revision()));
    }

    /**
     * The stored objects a list must look at, sorted by namespace and name: through the label
     * index when the selector requires a label value, otherwise all of the type's.
     */
    private Collection<ObjectNode> candidates(ResourceType type, ListOptions options) {
        String namespace = scopedListNamespace(type, options);
        Map<String, Set<String>> required = options.labelSelector().requiredValues();
        if (required.isEmpty()) {
            return state.store().list(type.groupKind(), namespace);
        }
        Map.Entry<String, Set<String>> first = required.entrySet().iterator().next();
        return state.store().withLabel(type.groupKind(), namespace, first.getKey(), first.getValue());
    }

    /** Ends every open watch, telling listeners why; for fault injection. */
    public void endWatches(Predicate<ResourceType> which, ClusterException reason) {
        write(() -> {
            state.watches().end(which, reason);
            return null;
        });
    }

    /**
     * Runs {@code work} on the state under the lock, without the request hook, then delivers the
     * watch events it caused: how simulated controllers and test helpers change the cluster.
     */
    public <T> T write(Supplier<T> work) {
        try {
            return locked(work);
        } finally {
            state.watches().deliverPending();
        }
    }

    /** The state, for work passed to {@link #write}; only to be used under the lock. */
    public ClusterState state() {
        return state;
    }

    /** The writes, for work passed to {@link #write}. */
    public Writes writes() {
        return writes;
    }

    /** The deletions, for work passed to {@link #write}. */
    public Deletions deletions() {
        return deletions;
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static Predicate<JsonNode> selection(ResourceType type, ListOptions options) {
        LabelSelector labels = options.labelSelector();
        Predicate<JsonNode> fields = FieldSelectors.predicate(type, options.fieldSelector());
        String namespace = scopedListNamespace(type, options);
        return object -> (namespace.isEmpty() || namespace.equals(KubernetesObjects.namespace(object)))
                && (labels.isEverything() || labels.matchesLabelsOf(object))
                && fields.test(object);
    }

    private static OptionalLong parseResourceVersion(String resourceVersion) {
        if (resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(resourceVersion));
        } catch (NumberFormatException e) {
            throw ApiErrors.badRequest("invalid resource version \"" + resourceVersion + "\": not a number");
        }
    }

    private static String scopedNamespace(ResourceType type, String namespace) {
        return type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "";
    }

    private static String scopedListNamespace(ResourceType type, ListOptions options) {
        return type.namespaced() ? options.namespace() : "";
    }
}
