package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The objects of a fake cluster, like etcd under an API server: one global revision that every
 * write advances and stamps as the object's resourceVersion, objects by group and kind (any
 * version) then by namespace and name, indexes by uid and by owner uid, and every change
 * recorded in the {@link WatchHub}.
 *
 * <p>Stored trees are never changed after they are stored: writers put new trees. Not
 * thread-safe: the cluster's lock guards it.
 */
public final class ObjectStore {

    /** Objects by "group/kind", then by "namespace/name" ("/name" when cluster-scoped). */
    private final Map<String, TreeMap<String, ObjectNode>> buckets = new HashMap<>();
    /** Where the object with a uid is. */
    private final Map<String, Location> byUid = new HashMap<>();
    /** The objects naming a uid in their ownerReferences. */
    private final Map<String, Set<Location>> dependentsByOwnerUid = new HashMap<>();
    /** The slots of the objects of a group and kind by "label=value", for lists by label selector. */
    private final Map<String, Map<String, Set<String>>> slotsByLabel = new HashMap<>();
    private final WatchHub watches;
    /** What was computed from each stored tree (decoded managed fields), for as long as it is stored. */
    private final Map<ObjectNode, Object> derived = new IdentityHashMap<>();
    private long revision;

    public ObjectStore(WatchHub watches) {
        this.watches = watches;
    }

    /** Where an object is stored: its group and kind, and its namespace and name. */
    public record Location(String groupKind, String slot) {
    }

    /** The current revision: the resourceVersion of the latest write. */
    public long revision() {
        return revision;
    }

    /** The stored object, which must not be changed. */
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        TreeMap<String, ObjectNode> bucket = buckets.get(type.groupKind());
        return Optional.ofNullable(bucket == null ? null : bucket.get(slot(type.namespaced() ? namespace : "", name)));
    }

    /** The stored object at a location, if it is still there. */
    public Optional<ObjectNode> get(Location location) {
        TreeMap<String, ObjectNode> bucket = buckets.get(location.groupKind());
        return Optional.ofNullable(bucket == null ? null : bucket.get(location.slot()));
    }

    /** The stored object with a uid. */
    public Optional<ObjectNode> getByUid(String uid) {
        Location location = byUid.get(uid);
        return location == null ? Optional.empty() : get(location);
    }

    /**
     * The stored objects of a group and kind, sorted by namespace and name; only those of one
     * namespace when {@code namespace} is not empty.
     */
    public Collection<ObjectNode> list(String groupKind, String namespace) {
        TreeMap<String, ObjectNode> bucket = buckets.get(groupKind);
        if (bucket == null) {
            return List.of();
        }
        if (namespace.isEmpty()) {
            return bucket.values();
        }
        // '0' is the character after '/', so this is every slot that starts with "namespace/".
        SortedMap<String, ObjectNode> inNamespace = bucket.subMap(namespace + "/", namespace + "0");
        return inNamespace.values();
    }

    /**
     * The stored objects of a group and kind (in one namespace, unless {@code namespace} is
     * empty) that have label {@code key} with one of {@code values}, sorted by namespace and name.
     */
    public List<ObjectNode> withLabel(String groupKind, String namespace, String key, Set<String> values) {
        TreeMap<String, ObjectNode> bucket = buckets.get(groupKind);
        Map<String, Set<String>> index = slotsByLabel.get(groupKind);
        if (bucket == null || index == null) {
            return List.of();
        }
        TreeSet<String> slots = new TreeSet<>();
        for (String value : values) {
            slots.addAll(index.getOrDefault(key + "=" + value, Set.of()));
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (String slot : slots) {
            if (namespace.isEmpty() || slot.startsWith(namespace + "/")) {
                objects.add(bucket.get(slot));
            }
        }
        return objects;
    }

    /** Every group and kind with stored objects. */
    public List<String> groupKinds() {
        return buckets.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Something computed from a stored tree, computed once while that tree is stored: stored
     * trees never change, so it stays valid until the tree is replaced or removed.
     *
     * @param stored a tree this store holds now (as {@link #get} returned it)
     */
    public <T> T derived(ObjectNode stored, Class<T> kind, Function<ObjectNode, T> compute) {
        Object known = derived.get(stored);
        if (kind.isInstance(known)) {
            return kind.cast(known);
        }
        T value = compute.apply(stored);
        derived.put(stored, value);
        return value;
    }

    /** The locations of the objects that name {@code ownerUid} as an owner. */
    public List<Location> dependentsOf(String ownerUid) {
        return List.copyOf(dependentsByOwnerUid.getOrDefault(ownerUid, Set.of()));
    }

    /** The location of an object. */
    public static Location locationOf(String groupKind, JsonNode object) {
        return new Location(groupKind, slot(KubernetesObjects.namespace(object), KubernetesObjects.name(object)));
    }

    /**
     * Stores a new state of an object under the next revision, which becomes its
     * resourceVersion, and records the change for watches.
     *
     * @param object the new state, owned by the store from now on
     * @return the stored object
     */
    public ObjectNode put(String groupKind, ObjectNode object) {
        KubernetesObjects.metadata(object).put("resourceVersion", Long.toString(++revision));
        Location location = locationOf(groupKind, object);
        ObjectNode previous = buckets.computeIfAbsent(groupKind, k -> new TreeMap<>()).put(location.slot(), object);
        if (previous != null) {
            derived.remove(previous);
        }
        if (previous == null || !sameIndexedMetadata(previous, object)) {
            if (previous != null) {
                unindex(previous, location);
            }
            index(object, location);
        }
        watches.record(new WatchHub.Change(revision, previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED,
                groupKind, object, previous));
        return object;
    }

    /**
     * Removes an object; its last state, with the resourceVersion of the deletion, is recorded
     * for watches.
     *
     * @return the removed object's last state
     */
    public ObjectNode remove(String groupKind, ObjectNode object) {
        Location location = locationOf(groupKind, object);
        ObjectNode stored = buckets.get(groupKind).remove(location.slot());
        unindex(stored, location);
        derived.remove(stored);
        ObjectNode last = stored.deepCopy();
        KubernetesObjects.metadata(last).put("resourceVersion", Long.toString(++revision));
        watches.record(new WatchHub.Change(revision, WatchEvent.Type.DELETED, groupKind, last, stored));
        return last;
    }

    /** Forgets every object of a group and kind without recording changes (its type is gone). */
    public void dropAll(String groupKind) {
        TreeMap<String, ObjectNode> bucket = buckets.remove(groupKind);
        if (bucket != null) {
            new ArrayList<>(bucket.entrySet()).forEach(e -> {
                unindex(e.getValue(), new Location(groupKind, e.getKey()));
                derived.remove(e.getValue());
            });
        }
    }

    private void index(ObjectNode object, Location location) {
        byUid.put(object.path("metadata").path("uid").asText(), location);
        for (String owner : ownerUids(object)) {
            dependentsByOwnerUid.computeIfAbsent(owner, k -> new LinkedHashSet<>()).add(location);
        }
        Map<String, Set<String>> labels = slotsByLabel.computeIfAbsent(location.groupKind(), k -> new HashMap<>());
        object.path("metadata").path("labels").properties().forEach(label ->
                labels.computeIfAbsent(label.getKey() + "=" + label.getValue().asText(), k -> new HashSet<>())
                        .add(location.slot()));
    }

    private void unindex(ObjectNode object, Location location) {
        byUid.remove(object.path("metadata").path("uid").asText());
        Map<String, Set<String>> labels = slotsByLabel.get(location.groupKind());
        if (labels != null) {
            object.path("metadata").path("labels").properties().forEach(label -> {
                String entry = label.getKey() + "=" + label.getValue().asText();
                Set<String> slots = labels.get(entry);
                if (slots != null) {
                    slots.remove(location.slot());
                    if (slots.isEmpty()) {
                        labels.remove(entry);
                    }
                }
            });
        }
        for (String owner : ownerUids(object)) {
            Set<Location> dependents = dependentsByOwnerUid.get(owner);
            if (dependents != null) {
                dependents.remove(location);
                if (dependents.isEmpty()) {
                    dependentsByOwnerUid.remove(owner);
                }
            }
        }
    }

    /** Whether two states of an object are indexed alike: same uid, labels and owners. */
    private static boolean sameIndexedMetadata(JsonNode previous, JsonNode next) {
        JsonNode before = previous.path("metadata");
        JsonNode after = next.path("metadata");
        return before.path("uid").equals(after.path("uid")) && before.path("labels").equals(after.path("labels"))
                && before.path("ownerReferences").equals(after.path("ownerReferences"));
    }

    private static List<String> ownerUids(JsonNode object) {
        List<String> uids = new ArrayList<>();
        object.path("metadata").path("ownerReferences").forEach(ref -> uids.add(ref.path("uid").asText()));
        return uids;
    }

    /** Where an object is kept in its group and kind's bucket; buckets are sorted by it. */
    static String slotOf(ObjectNode object) {
        return slot(KubernetesObjects.namespace(object), KubernetesObjects.name(object));
    }

    private static String slot(String namespace, String name) {
        return namespace + "/" + name;
    }
}
