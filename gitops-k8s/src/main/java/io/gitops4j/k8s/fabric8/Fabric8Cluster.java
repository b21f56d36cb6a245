package io.gitops4j.k8s.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.gitops4j.diff.GroupVersion;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.k8s.Cluster;
import io.gitops4j.k8s.ClusterException;
import io.gitops4j.k8s.DeleteOptions;
import io.gitops4j.k8s.ListOptions;
import io.gitops4j.k8s.Patch;
import io.gitops4j.k8s.PatchType;
import io.gitops4j.k8s.ResourceList;
import io.gitops4j.k8s.ResourceType;
import io.gitops4j.k8s.Watch;
import io.gitops4j.k8s.WatchListener;
import io.gitops4j.k8s.WriteOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real cluster, through a fabric8 {@link KubernetesClient}. Every kind is handled as a generic
 * resource, so custom resources need no model classes.
 *
 * <p>API discovery runs on first use and is cached; when a type is asked for that the cache does
 * not know (a CRD created since), discovery runs again once. The client stays the caller's: this
 * class never closes it. fabric8 retries requests answered with 429 or a 5xx status itself
 * (honouring Retry-After) as its {@code requestRetryBackoffLimit} configures.
 *
 * <p>Discovery and watches go through fabric8's fluent API; the other verbs are plain requests
 * through the client's HTTP client ({@link RawRequests}), with the client's configuration,
 * authentication and retries: fabric8's fluent API cannot carry a {@code fieldManager} on create
 * and update nor every {@code DeleteOptions}, and generic resources need no model classes.
 */
public final class Fabric8Cluster implements Cluster {

    private final KubernetesClient client;
    private final RawRequests raw;
    private volatile List<ResourceType> discovered;

    public Fabric8Cluster(KubernetesClient client) {
        this.client = client;
        this.raw = new RawRequests(client);
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
        io.fabric8.kubernetes.client.Watch watch = call("watch " + type, () -> listScope(type, options).watch(
                new ListOptionsBuilder()
                        .withLabelSelector(emptyToNull(options.labelSelector().toString()))
                        .withFieldSelector(emptyToNull(options.fieldSelector().toString()))
                        .withResourceVersion(emptyToNull(resourceVersion))
                        .build(),
                new WatcherAdapter(type, listener, client.getKubernetesSerialization())));
        return watch::close;
    }

    private synchronized List<ResourceType> discover() {
        List<ResourceType> types = call("discover the API", () -> {
            List<ResourceType> found = new ArrayList<>();
            addTypes(found, new GroupVersion("", "v1"));
            for (APIGroup group : client.getApiGroups().getGroups()) {
                for (GroupVersionForDiscovery version : group.getVersions()) {
                    addTypes(found, GroupVersion.parse(version.getGroupVersion()));
                }
            }
            return List.copyOf(found);
        });
        discovered = types;
        return types;
    }

    private void addTypes(List<ResourceType> types, GroupVersion groupVersion) {
        APIResourceList resources = client.getApiResources(groupVersion.apiVersion());
        if (resources == null) {
            return;
        }
        for (APIResource resource : resources.getResources()) {
            boolean subresource = resource.getName().contains("/");
            if (!subresource && resource.getVerbs() != null && resource.getVerbs().contains("get")) {
                types.add(new ResourceType(groupVersion.group(), groupVersion.version(), resource.getKind(),
                        resource.getName(), Boolean.TRUE.equals(resource.getNamespaced())));
            }
        }
    }

    private static Optional<ResourceType> find(List<ResourceType> types, String apiVersion, String kind) {
        GroupVersion groupVersion = GroupVersion.parse(apiVersion);
        return types.stream()
                .filter(t -> t.is(groupVersion.group(), kind) && t.version().equals(groupVersion.version()))
                .findFirst();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            operation(ResourceType type) {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(type.group())
                .withVersion(type.version())
                .withKind(type.kind())
                .withPlural(type.plural())
                .withNamespaced(type.namespaced())
                .build());
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            scoped(ResourceType type, String namespace) {
        return type.namespaced() ? operation(type).inNamespace(namespace.isEmpty() ? "default" : namespace) : operation(type);
    }

    private io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<GenericKubernetesResource,
            GenericKubernetesResourceList, Resource<GenericKubernetesResource>> listScope(ResourceType type,
            ListOptions options) {
        return type.namespaced() && options.namespace().isEmpty()
                ? operation(type).inAnyNamespace()
                : scoped(type, options.namespace());
    }

    private static String describe(ResourceType type, String namespace, String name) {
        return type + " " + (type.namespaced() ? (namespace.isEmpty() ? "default" : namespace) + "/" : "") + name;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toClusterException(what, e);
        }
    }
}
