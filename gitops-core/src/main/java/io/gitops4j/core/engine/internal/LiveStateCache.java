package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.k8s.sync.LiveObjects;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live objects of a cluster, kept up to date by one watch per served group/kind (Argo CD's
 * cluster cache): a comparison reads its objects from memory, and every change is handed to a
 * listener, which marks the applications the object belongs to for reconciliation. Objects are
 * indexed by the application their tracking names, so finding an application's objects costs
 * nothing like a LIST of every type.
 *
 * <p>A watch the cluster ends is started again from a fresh list; every object the list shows
 * changed or gone is reported as a change. A type the cache does not hold (another version than
 * the one watched) is read from the cluster. Thread-safe.
 */
public final class LiveStateCache implements LiveObjects {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStateCache.class);

    /** One change of a live object: the applications it belonged to before and belongs to now. */
    public record Change(ResourceKey key, Optional<String> previousOwner, Optional<String> owner) {
    }

    private final Cluster cluster;
    private final ResourceTracking tracking;
    private final Consumer<Change> listener;
    private final Predicate<ResourceType> excluded;
    private final Map<String, ResourceType> watched = new ConcurrentHashMap<>();
    private final Map<ResourceKey, ObjectNode> objects = new ConcurrentHashMap<>();
    private final Map<String, Set<ResourceKey>> byOwner = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> ownerIds = new ConcurrentHashMap<>();
    private final List<Watch> watches = new ArrayList<>();
    private final Set<ResourceKey> writtenSinceReread = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param cluster the cluster to watch
     * @param tracking how objects name their application
     * @param listener told of every change after the first list, on the thread that saw it
     */
    public LiveStateCache(Cluster cluster, ResourceTracking tracking, Consumer<Change> listener) {
        this(cluster, tracking, listener, type -> false);
    }

    /**
     * @param cluster the cluster to watch
     * @param tracking how objects name their application
     * @param listener told of every change after the first list, on the thread that saw it
     * @param excluded the types never watched beside the built-in ones (the settings' exclusions)
     */
    public LiveStateCache(Cluster cluster, ResourceTracking tracking, Consumer<Change> listener,
            Predicate<ResourceType> excluded) {
        this.cluster = cluster;
        this.tracking = tracking;
        this.listener = listener;
        this.excluded = excluded;
    }

    /**
     * Lists and watches every served group/kind but the excluded ones (one version of each): the
     * built-in ones and the settings' ({@link io.gitops4j.core.engine.ResourceExclusions}), whose
     * objects are then never compared, tracked or pruned.
     */
    public synchronized void start() {
        for (ResourceType type : cluster.resourceTypes()) {
            if (LiveObjects.isExcluded(type) || excluded.test(type) || watched.putIfAbsent(type.groupKind(), type) != null) {
                continue;
            }
            listAndWatch(type, false);
        }
    }

    private void listAndWatch(ResourceType type, boolean report) {
        if (closed) {
            return;
        }
        ResourceList list;
        try {
            list = cluster.listWithVersion(type, ListOptions.all());
        } catch (ClusterException e) {
            LOG.debug("cannot list {}: {}", type, e.getMessage());
            return;
        }
        Map<ResourceKey, ObjectNode> listed = new HashMap<>();
        list.items().forEach(o -> listed.put(ResourceKey.of(o), o));
        for (ResourceKey key : List.copyOf(objects.keySet())) {
            if (key.group().equals(type.group()) && key.kind().equals(type.kind()) && !listed.containsKey(key)) {
                remove(key, report);
            }
        }
        listed.forEach((key, object) -> {
            ObjectNode before = objects.get(key);
            if (before == null || !resourceVersion(before).equals(resourceVersion(object))) {
                put(key, object, report);
            }
        });
        try {
            Watch watch = cluster.watch(type, ListOptions.all(), list.resourceVersion(), new WatchListener() {
                @Override
                public void onEvent(WatchEvent event) {
                    ResourceKey key = ResourceKey.of(event.object());
                    if (event.type() == WatchEvent.Type.DELETED) {
                        remove(key, true);
                    } else {
                        put(key, event.object(), true);
                    }
                }

                @Override
                public void onClose(ClusterException reason) {
                    LOG.debug("watch of {} ended ({}); listing again", type, reason.getMessage());
                    listAndWatch(type, true);
                }
            });
            synchronized (watches) {
                watches.add(watch);
            }
        } catch (ClusterException e) {
            LOG.warn("cannot watch {}: {}; its objects are read from the cluster", type, e.getMessage());
            watched.remove(type.groupKind());
        }
    }

    /**
     * Reads objects an operation just wrote from the cluster into the cache, without waiting for
     * their watch events: the comparison that follows a sync then sees what the sync wrote, not the
     * object from before it (which would look like drift and start a needless self-heal). An object
     * whose write returned it ({@link #written}, through {@link WriteReportingCluster}) is in the
     * cache already and is not read; a deleted one is. Objects of types the cache does not watch are
     * left alone; a failed read leaves the cached object.
     */
    public void reread(Collection<ResourceKey> keys) {
        for (ResourceKey key : keys) {
            ResourceType type = watched.get(key.group() + "/" + key.kind());
            if (type == null || writtenSinceReread.remove(key)) {
                continue;   // not watched, or the object its write returned is in the cache already
            }
            try {
                Optional<ObjectNode> now = cluster.get(type, key.namespace(), key.name());
                if (now.isPresent()) {
                    put(key, now.get(), false);
                } else {
                    remove(key, false);
                }
            } catch (ClusterException e) {
                LOG.debug("cannot read {} again: {}", key, e.getMessage());
            }
        }
    }

    /**
     * An object an operation just wrote, as the API server returned it: put into the cache at once
     * (never over a newer version the watch delivered), so that {@link #reread} need not read it
     * again. Objects of types the cache does not watch are left alone.
     */
    public void written(ObjectNode object) {
        ResourceKey key = ResourceKey.of(object);
        if (watched.containsKey(key.group() + "/" + key.kind())) {
            put(key, object, false);
            writtenSinceReread.add(key);
        }
    }

    /** An object an operation deleted (or tried to): {@link #reread} reads it again to see whether it is gone. */
    public void deleted(ResourceType type, String namespace, String name) {
        String ns = type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "";
        writtenSinceReread.remove(new ResourceKey(type.group(), type.kind(), ns, name));
    }

    private void put(ResourceKey key, ObjectNode object, boolean report) {
        ObjectNode before = objects.get(key);
        if (before != null && isOlder(object, before)) {
            return;   // a watch event older than what a re-read already put
        }
        objects.put(key, object);
        Optional<String> previous = before == null ? Optional.empty() : tracking.owningApp(before);
        Optional<String> owner = tracking.owningApp(object);
        if (!previous.equals(owner)) {
            previous.ifPresent(p -> ownedBy(p).remove(key));
        }
        owner.ifPresent(o -> ownedBy(o).add(key));
        if (report) {
            listener.accept(new Change(key, previous, owner));
        }
    }

    private void remove(ResourceKey key, boolean report) {
        writtenSinceReread.remove(key);
        ObjectNode before = objects.remove(key);
        if (before == null) {
            return;
        }
        Optional<String> previous = tracking.owningApp(before);
        previous.ifPresent(p -> ownedBy(p).remove(key));
        if (report) {
            listener.accept(new Change(key, previous, Optional.empty()));
        }
    }

    private Set<ResourceKey> ownedBy(String owner) {
        return byOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ResourceType cached = watched.get(type.groupKind());
        if (cached == null || !cached.version().equals(type.version())) {
            return cluster.get(type, namespace, name);
        }
        String ns = type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) : "";
        return Optional.ofNullable(objects.get(new ResourceKey(type.group(), type.kind(), ns, name)));
    }

    /** The object cached under a key, whatever its version. */
    public Optional<ObjectNode> get(ResourceKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public Collection<ObjectNode> trackedBy(String appName, ResourceTracking appTracking) {
        TreeMap<ResourceKey, ObjectNode> tracked = new TreeMap<>();
        ownerId(appName).map(byOwner::get).ifPresent(keys -> keys.forEach(key -> {
            ObjectNode object = objects.get(key);
            if (object != null && appTracking.isTrackedBy(object, appName)) {
                tracked.put(key, object);
            }
        }));
        return tracked.values();
    }

    /** The resourceVersion of what the cache holds under a key; empty when it holds nothing. */
    public String resourceVersion(ResourceKey key) {
        ObjectNode object = objects.get(key);
        return object == null ? "" : resourceVersion(object);
    }

    /** The keys of the objects tracked as the application's. */
    public Set<ResourceKey> keysTrackedBy(String appName) {
        return ownerId(appName).map(byOwner::get).map(Set::copyOf).orElse(Set.of());
    }

    /** What an application's objects carry as their owner: its name, or with ApplySets its set id. */
    private Optional<String> ownerId(String appName) {
        return ownerIds.computeIfAbsent(appName, name -> {
            ObjectNode probe = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
            probe.putObject("metadata").put("name", "probe").put("namespace", "default");
            return tracking.owningApp(tracking.mark(probe, name));
        });
    }

    /** How many objects the cache holds. */
    public int size() {
        return objects.size();
    }

    /**
     * Whether an object is an older state of the cached one. Kubernetes calls resourceVersions
     * opaque, so only two numbers (what etcd-backed servers hand out) are ordered; anything else
     * is taken as newer.
     */
    private static boolean isOlder(ObjectNode object, ObjectNode cached) {
        String version = resourceVersion(object);
        String cachedVersion = resourceVersion(cached);
        if (!version.matches("[0-9]{1,18}") || !cachedVersion.matches("[0-9]{1,18}")) {
            return false;
        }
        return Long.parseLong(version) < Long.parseLong(cachedVersion);
    }

    private static String resourceVersion(ObjectNode object) {
        return object.path("metadata").path("resourceVersion").asText("");
    }

    /** Stops every watch. */
    public synchronized void close() {
        closed = true;
        synchronized (watches) {
            watches.forEach(Watch::close);
            watches.clear();
        }
    }
}
