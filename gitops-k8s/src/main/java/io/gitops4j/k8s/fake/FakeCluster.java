package io.gitops4j.k8s.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.GroupVersion;
import io.gitops4j.diff.Json;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.diff.Yaml;
import io.gitops4j.diff.YamlDocument;
import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.ClusterException;
import io.gitops4j.k8s.ListOptions;
import io.gitops4j.k8s.ResourceType;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An in-memory Kubernetes cluster for tests: it stores objects of every built-in kind and of
 * every kind whose CustomResourceDefinition it holds, and treats them as an API server does.
 *
 * <ul>
 *   <li>Created objects get a uid, a resourceVersion, {@code generation: 1} and a
 *       creationTimestamp from the injected clock; {@code generateName} gets a random suffix.
 *   <li>Updates must carry the stored resourceVersion when they carry one (409 otherwise); they
 *       bump the resourceVersion, and the generation when anything but metadata and status
 *       changed; {@code status} is a subresource, changed only by {@link #updateStatus}.
 *   <li>A namespaced object needs its Namespace; the namespaces {@code default},
 *       {@code kube-system}, {@code kube-public} and {@code kube-node-lease} exist from the start.
 *       Deleting a Namespace deletes what is in it; deleting a CustomResourceDefinition deletes
 *       its custom resources and stops serving its type.
 * </ul>
 *
 * <p>Thread-safe. Objects go in and come out as copies.
 */
public final class FakeCluster implements Cluster {

    private static final List<String> INITIAL_NAMESPACES =
            List.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final String NAME_SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";

    private final Clock clock;
    private final ResourceTypeRegistry types = new ResourceTypeRegistry();
    /** Objects by "group/kind", then by "namespace/name", so lists come out sorted. */
    private final Map<String, TreeMap<String, ObjectNode>> objects = new TreeMap<>();
    private long lastResourceVersion;

    /** A fake cluster on the system clock. */
    public FakeCluster() {
        this(Clock.systemUTC());
    }

    /** A fake cluster whose timestamps come from {@code clock}. */
    public FakeCluster(Clock clock) {
        this.clock = clock;
        for (String namespace : INITIAL_NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", namespace);
            create(ns);
        }
    }

    @Override
    public synchronized List<ResourceType> resourceTypes() {
        return types.all();
    }

    @Override
    public synchronized Optional<ResourceType> resourceType(String apiVersion, String kind) {
        GroupVersion groupVersion = GroupVersion.parse(apiVersion);
        return types.find(groupVersion.group(), groupVersion.version(), kind);
    }

    @Override
    public synchronized Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ObjectNode stored = bucket(type).get(slot(type, namespace, name));
        return Optional.ofNullable(stored).map(o -> served(o, type));
    }

    /** Reads one object by {@code apiVersion}, kind, namespace and name. */
    public Optional<ObjectNode> get(String apiVersion, String kind, String namespace, String name) {
        return resourceType(apiVersion, kind).flatMap(type -> get(type, namespace, name));
    }

    @Override
    public synchronized List<ObjectNode> list(ResourceType type, ListOptions options) {
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode stored : bucket(type).values()) {
            boolean inNamespace = options.namespace().isEmpty()
                    || options.namespace().equals(KubernetesObjects.namespace(stored));
            if (inNamespace && options.labelSelector().matches(KubernetesObjects.labels(stored))) {
                result.add(served(stored, type));
            }
        }
        return result;
    }

    /** Every stored object, of every type, sorted by group, kind, namespace and name. */
    public synchronized List<ObjectNode> objects() {
        List<ObjectNode> all = new ArrayList<>();
        objects.values().forEach(bucket -> bucket.values().forEach(o -> all.add(o.deepCopy())));
        return all;
    }

    @Override
    public synchronized ObjectNode create(ObjectNode object) {
        ResourceType type = requireResourceTypeOf(object);
        ObjectNode created = scoped(object.deepCopy(), type);
        ObjectNode metadata = KubernetesObjects.metadata(created);
        if (metadata.hasNonNull("resourceVersion")) {
            throw invalid(created, "metadata.resourceVersion must not be set on objects to be created");
        }
        if (!metadata.hasNonNull("name") && metadata.hasNonNull("generateName")) {
            metadata.put("name", metadata.get("generateName").asText() + randomSuffix());
        }
        String name = requireName(created);
        String namespace = KubernetesObjects.namespace(created);
        requireNamespaceExists(type, namespace);
        String slot = slot(type, namespace, name);
        if (bucket(type).containsKey(slot)) {
            throw new ClusterException(409, type.plural() + " \"" + name + "\" already exists"
                    + (namespace.isEmpty() ? "" : " in namespace " + namespace));
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("resourceVersion", nextResourceVersion());
        metadata.put("generation", 1);
        metadata.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        if (types.hasStatusSubresource(type.group(), type.kind())) {
            created.remove("status");
        }
        bucket(type).put(slot, created);
        whenStored(type, created);
        return served(created, type);
    }

    @Override
    public synchronized ObjectNode update(ObjectNode object) {
        ResourceType type = requireResourceTypeOf(object);
        ObjectNode updated = scoped(object.deepCopy(), type);
        ObjectNode stored = requireStored(type, updated);
        ObjectNode metadata = KubernetesObjects.metadata(updated);
        requireCurrentVersion(updated, stored);
        JsonNode storedMetadata = stored.get("metadata");
        for (String field : List.of("uid", "creationTimestamp", "generation")) {
            metadata.set(field, storedMetadata.get(field));
        }
        if (types.hasStatusSubresource(type.group(), type.kind())) {
            updated.remove("status");
            if (stored.has("status")) {
                updated.set("status", stored.get("status").deepCopy());
            }
        }
        if (!withoutMetadataAndStatus(updated).equals(withoutMetadataAndStatus(stored))) {
            metadata.put("generation", storedMetadata.path("generation").asLong() + 1);
        }
        metadata.put("resourceVersion", nextResourceVersion());
        bucket(type).put(slot(type, KubernetesObjects.namespace(updated), KubernetesObjects.name(updated)), updated);
        whenStored(type, updated);
        return served(updated, type);
    }

    /**
     * Replaces the {@code status} of an object, as a controller does through the status
     * subresource; everything else of the given object is ignored.
     *
     * @throws ClusterException 404 when it does not exist, 409 when its resourceVersion is stale
     */
    public synchronized ObjectNode updateStatus(ObjectNode object) {
        ResourceType type = requireResourceTypeOf(object);
        ObjectNode stored = requireStored(type, scoped(object.deepCopy(), type));
        requireCurrentVersion(object, stored);
        ObjectNode updated = stored.deepCopy();
        updated.set("status", object.has("status") ? object.get("status").deepCopy() : Json.object());
        KubernetesObjects.metadata(updated).put("resourceVersion", nextResourceVersion());
        bucket(type).put(slot(type, KubernetesObjects.namespace(updated), KubernetesObjects.name(updated)), updated);
        return served(updated, type);
    }

    @Override
    public synchronized boolean delete(ResourceType type, String namespace, String name) {
        ObjectNode removed = bucket(type).remove(slot(type, namespace, name));
        if (removed == null) {
            return false;
        }
        if (type.is("", "Namespace")) {
            objects.values().forEach(bucket -> bucket.values().removeIf(o -> KubernetesObjects.namespace(o).equals(name)));
        } else if (type.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
            types.unregister(name).forEach(t -> objects.remove(t.group() + "/" + t.kind()));
        }
        return true;
    }

    /**
     * Creates every object of a YAML stream, in order: a quick way to seed a test cluster.
     *
     * @return the stored objects
     */
    public List<ObjectNode> createFromYaml(String yaml) {
        List<ObjectNode> created = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(yaml, "yaml")) {
            created.add(create(document.body()));
        }
        return created;
    }

    private void whenStored(ResourceType type, ObjectNode object) {
        if (type.is("apiextensions.k8s.io", "CustomResourceDefinition")) {
            types.register(object);
        }
    }

    private TreeMap<String, ObjectNode> bucket(ResourceType type) {
        return objects.computeIfAbsent(type.group() + "/" + type.kind(), k -> new TreeMap<>());
    }

    private static String slot(ResourceType type, String namespace, String name) {
        return (type.namespaced() ? namespace : "") + "/" + name;
    }

    /** The object with the namespace its type's scope calls for: defaulted, or removed. */
    private static ObjectNode scoped(ObjectNode object, ResourceType type) {
        ObjectNode metadata = KubernetesObjects.metadata(object);
        if (!type.namespaced()) {
            metadata.remove("namespace");
        } else if (KubernetesObjects.namespace(object).isEmpty()) {
            metadata.put("namespace", "default");
        }
        return object;
    }

    private ObjectNode requireStored(ResourceType type, ObjectNode object) {
        String name = requireName(object);
        ObjectNode stored = bucket(type).get(slot(type, KubernetesObjects.namespace(object), name));
        if (stored == null) {
            throw new ClusterException(404, type.plural() + " \"" + name + "\" not found"
                    + (type.namespaced() ? " in namespace " + KubernetesObjects.namespace(object) : ""));
        }
        return stored;
    }

    private static void requireCurrentVersion(JsonNode object, ObjectNode stored) {
        String given = object.path("metadata").path("resourceVersion").asText("");
        String current = stored.path("metadata").path("resourceVersion").asText();
        if (!given.isEmpty() && !given.equals(current)) {
            throw new ClusterException(409, "Operation cannot be fulfilled on " + KubernetesObjects.kind(stored)
                    + " \"" + KubernetesObjects.name(stored) + "\": the object has been modified; "
                    + "please apply your changes to the latest version and try again");
        }
    }

    private void requireNamespaceExists(ResourceType type, String namespace) {
        if (type.namespaced() && !objects.getOrDefault("/Namespace", new TreeMap<>()).containsKey("/" + namespace)) {
            throw new ClusterException(404, "namespaces \"" + namespace + "\" not found");
        }
    }

    private static String requireName(ObjectNode object) {
        String name = KubernetesObjects.name(object);
        if (name.isEmpty()) {
            throw invalid(object, "metadata.name: Required value: name or generateName is required");
        }
        return name;
    }

    private static ClusterException invalid(ObjectNode object, String problem) {
        return new ClusterException(422, KubernetesObjects.kind(object) + " \"" + KubernetesObjects.name(object)
                + "\" is invalid: " + problem);
    }

    private static ObjectNode withoutMetadataAndStatus(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of("metadata", "status", "apiVersion"));
        return copy;
    }

    private static ObjectNode served(ObjectNode stored, ResourceType type) {
        ObjectNode copy = stored.deepCopy();
        copy.put("apiVersion", type.apiVersion());
        return copy;
    }

    private String nextResourceVersion() {
        return Long.toString(++lastResourceVersion);
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_SUFFIX_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(NAME_SUFFIX_CHARACTERS.length())));
        }
        return suffix.toString();
    }
}
