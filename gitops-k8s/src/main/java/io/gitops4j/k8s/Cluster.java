package io.gitops4j.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.GroupVersion;
import io.gitops4j.diff.KubernetesObjects;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes cluster as GitOps4J uses it: discovery and the verbs of the API server on any
 * kind of object, held as JSON trees. {@link io.gitops4j.k8s.fabric8.Fabric8Cluster} talks to a
 * real cluster; {@link io.gitops4j.k8s.fake.FakeCluster} keeps everything in memory for tests.
 *
 * <p>Failures are {@link ClusterException}s carrying the API server's status code. Returned
 * objects are copies: changing them changes nothing in the cluster.
 */
public interface Cluster {

    /** Every resource type the cluster serves (API discovery), in every served version. */
    List<ResourceType> resourceTypes();

    /** The resource type for an {@code apiVersion} and kind, if the cluster serves it. */
    default Optional<ResourceType> resourceType(String apiVersion, String kind) {
        GroupVersion groupVersion = GroupVersion.parse(apiVersion);
        return resourceTypes().stream()
                .filter(t -> t.is(groupVersion.group(), kind) && t.version().equals(groupVersion.version()))
                .findFirst();
    }

    /** The resource type of an object, from its {@code apiVersion} and {@code kind}. */
    default Optional<ResourceType> resourceTypeOf(JsonNode object) {
        return resourceType(KubernetesObjects.apiVersion(object), KubernetesObjects.kind(object));
    }

    /**
     * Reads one object.
     *
     * @param namespace its namespace, or empty for a cluster-scoped type
     * @return the object, or empty when it does not exist
     */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /** Lists the objects of a type, sorted by namespace and name. */
    List<ObjectNode> list(ResourceType type, ListOptions options);

    /**
     * Creates an object. A namespaced object without a namespace goes to {@code default}.
     *
     * @return the stored object, with uid, resourceVersion and creationTimestamp
     * @throws ClusterException 409 when it exists, 404 when its type or namespace does not
     */
    ObjectNode create(ObjectNode object);

    /**
     * Replaces an object. When {@code metadata.resourceVersion} is set it must be the stored
     * one; the object's {@code status} is not changed (it is a separate subresource).
     *
     * @return the stored object
     * @throws ClusterException 404 when it does not exist, 409 when the resourceVersion is stale
     */
    ObjectNode update(ObjectNode object);

    /**
     * Deletes an object.
     *
     * @return whether it existed
     */
    boolean delete(ResourceType type, String namespace, String name);

    /**
     * The resource type of an object, or a {@link ClusterException} (404) saying the cluster does
     * not serve it.
     */
    default ResourceType requireResourceTypeOf(JsonNode object) {
        return resourceTypeOf(object).orElseThrow(() -> new ClusterException(404,
                "the cluster has no resource type " + KubernetesObjects.apiVersion(object) + " "
                        + KubernetesObjects.kind(object) + " (for " + KubernetesObjects.name(object)
                        + "); if it is a custom resource, install its CustomResourceDefinition first"));
    }
}
