package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.cluster.Cluster;
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
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A real cluster, through a fabric8 {@link KubernetesClient}. Every kind is handled as a generic
 * resource, so custom resources need no model classes.
 *
 * <p>Every request is a plain HTTP request through the client's HTTP client (its configuration,
 * authentication, TLS and proxy) with JSON read and written as Jackson trees: fabric8's fluent
 * API cannot carry a {@code fieldManager} on create and update nor every {@code DeleteOptions},
 * and generic resources need no model classes. API discovery runs on first use and is cached;
 * when a type is asked for that the cache does not know (a CRD created since), discovery runs
 * again once. The client stays the caller's: this class never closes it.
 *
 * <p><b>Bounds.</b> Connecting is bounded by the client's {@code connectionTimeout} and every
 * request by its {@code requestTimeout} (fabric8's defaults: 10 s each; set them on the client's
 * {@code Config}, or with {@code KUBERNETES_CONNECTION_TIMEOUT} / {@code KUBERNETES_REQUEST_TIMEOUT}
 * in milliseconds; a request timeout of 0 lifts that bound). A watch lasts as long as the server
 * keeps it, but must be answered within the request timeout to start. Answers 429 and 5xx, and
 * reads whose connection dropped, are retried as the client's {@code requestRetryBackoffLimit}
 * and {@code requestRetryBackoffInterval} say (Retry-After honoured up to the request timeout);
 * a refused connection, an unknown host, a failed TLS handshake or a request left unanswered is
 * not retried. Such a failure is a {@link ClusterException} with code
 * {@link ClusterException#UNREACHABLE} and one line that names the server's address (without
 * credentials), the cause and what to check: {@code cannot reach the Kubernetes API server at
 * https://127.0.0.1:6443: connection refused (to discover the API); check that the cluster is
 * running and that the kubeconfig names its address}.
 */
public final class Fabric8Cluster implements Cluster {

    private final RequestSender sender;
    private final RawRequests raw;
    private volatile List<ResourceType> discovered;

    /**
     * A cluster that talks to the API server {@code client} is configured for; nothing is sent until the
     * first request.
     *
     * @param client the fabric8 client; the caller keeps owning it and closes it
     */
    public Fabric8Cluster(KubernetesClient client) {
        this.sender = new RequestSender(client);
        this.raw = new RawRequests(client, sender);
    }

    @Override
    public List<ResourceType> resourceTypes() {
        List<ResourceType> types = discovered;
        return types != null ? types : discover();
    }

    @Override
    public Optional<ResourceType> resourceType(String apiVersion, String kind) {
        Optional<ResourceType> cached = find(resourceTypes(), apiVersion, kind);
        return cached.isPresent() ? cached : find(discover(), apiVersion, kind);
    }

    /**
     * Asks the API server for its version ({@code GET /version}), never from a cache: what a
     * connection check calls.
     *
     * @return {@code major.minor}, for example {@code 1.31}, or empty when the server does not say
     * @throws ClusterException when the server cannot be reached or answers with an error
     */
    public String serverVersion() {
        JsonNode version = raw.discovery("/version", "read the server version").orElse(Json.object());
        String major = version.path("major").asText("");
        String minor = version.path("minor").asText("");
        return major.isEmpty() ? "" : major + "." + minor;
    }

    /** {@link #serverVersion()}, asked of the server each time; empty when it does not say. */
    @Override
    public Optional<String> kubernetesVersion() {
        String version = serverVersion();
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return raw.get(type, namespace, name, "get " + describe(type, namespace, name));
    }

    @Override
    public ResourceList listWithVersion(ResourceType type, ListOptions options) {
        JsonNode list = raw.list(type, options, "list " + type);
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            items.add(((ObjectNode) item).put("apiVersion", type.apiVersion()).put("kind", type.kind()));
        }
        items.sort(Comparator.comparing((ObjectNode o) -> KubernetesObjects.namespace(o)).thenComparing(KubernetesObjects::name));
        return new ResourceList(items, list.path("metadata").path("resourceVersion").asText(""));
    }

    @Override
    public ObjectNode create(ObjectNode object, WriteOptions options) {
        ResourceType type = requireResourceTypeOf(object);
        String namespace = KubernetesObjects.namespace(object);
        return raw.create(type, namespace, object, options, "create " + describe(type, namespace, KubernetesObjects.name(object)));
    }

    @Override
    public ObjectNode update(ObjectNode object, WriteOptions options) {
        return update(object, options, false);
    }

    @Override
    public ObjectNode updateStatus(ObjectNode object, WriteOptions options) {
        return update(object, options, true);
    }

    private ObjectNode update(ObjectNode object, WriteOptions options, boolean status) {
        ResourceType type = requireResourceTypeOf(object);
        String namespace = KubernetesObjects.namespace(object);
        String name = KubernetesObjects.name(object);
        return raw.update(type, namespace, name, object, options, status,
                (status ? "update the status of " : "update ") + describe(type, namespace, name));
    }

    @Override
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        boolean apply = patch.type() == PatchType.APPLY;
        String what = (apply ? "apply " : "patch ") + describe(type, namespace, name);
        if (apply && options.fieldManager().isEmpty()) {
            throw new ClusterException(400, "cannot " + what + ": fieldManager is required for apply requests");
        }
        return raw.patch(type, namespace, name, patch.type().contentType(), patch.body(), options, what);
    }

    @Override
    public boolean delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        return raw.delete(type, namespace, name, options, "delete " + describe(type, namespace, name));
    }

    @Override
    public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
        return HttpWatch.start(sender, raw, type, options, resourceVersion, listener);
    }

    private synchronized List<ResourceType> discover() {
        String what = "discover the API";
        List<ResourceType> found = new ArrayList<>();
        addTypes(found, new GroupVersion("", "v1"), "/api/v1", what);
        for (JsonNode group : raw.discovery("/apis", what).orElse(Json.object()).path("groups")) {
            for (JsonNode version : group.path("versions")) {
                GroupVersion groupVersion = GroupVersion.parse(version.path("groupVersion").asText());
                addTypes(found, groupVersion, "/apis/" + groupVersion.apiVersion(), what);
            }
        }
        List<ResourceType> types = List.copyOf(found);
        discovered = types;
        return types;
    }

    private void addTypes(List<ResourceType> types, GroupVersion groupVersion, String path, String what) {
        for (JsonNode resource : raw.discovery(path, what).orElse(Json.object()).path("resources")) {
            String plural = resource.path("name").asText();
            boolean gettable = false;
            for (JsonNode verb : resource.path("verbs")) {
                gettable |= verb.asText().equals("get");
            }
            if (!plural.contains("/") && gettable) {
                types.add(new ResourceType(groupVersion.group(), groupVersion.version(), resource.path("kind").asText(),
                        plural, resource.path("namespaced").asBoolean(false)));
            }
        }
    }

    private static Optional<ResourceType> find(List<ResourceType> types, String apiVersion, String kind) {
        GroupVersion groupVersion = GroupVersion.parse(apiVersion);
        return types.stream()
                .filter(t -> t.is(groupVersion.group(), kind) && t.version().equals(groupVersion.version()))
                .findFirst();
    }

    private static String describe(ResourceType type, String namespace, String name) {
        return type + " " + (type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) + "/" : "") + name;
    }
}
