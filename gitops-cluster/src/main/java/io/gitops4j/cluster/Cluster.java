package io.gitops4j.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes cluster as GitOps4J uses it: discovery and the verbs of the API server on any
 * kind of object, held as JSON trees. {@code io.gitops4j.k8s.fabric8.Fabric8Cluster} (gitops-k8s) talks to a
 * real cluster; {@code io.gitops4j.fake.FakeCluster} (gitops-fake) keeps everything in memory for tests.
 *
 * <p>Failures are {@link ClusterException}s carrying the API server's status code. Returned
 * objects are copies: changing them changes nothing in the cluster. Where a verb takes a
 * namespace, an empty one means {@code default} for namespaced types and is ignored for
 * cluster-scoped ones.
 */
public interface Cluster {

    /**
     * Every resource type the cluster serves (API discovery), in every served version.
     *
     * @return every served type, one entry per group, version and kind
     */
    List<ResourceType> resourceTypes();

    /**
     * The Kubernetes version the API server reports ({@code GET /version}), as Argo CD reads it:
     * {@code major.minor}, for example {@code 1.31}; empty when it is not known (the default).
     * Helm charts rendered for this cluster see it as {@code .Capabilities.KubeVersion}.
     *
     * @return the version, {@code major.minor}, or empty when unknown
     * @throws ClusterException when the server cannot be asked
     */
    default Optional<String> kubernetesVersion() {
        return Optional.empty();
    }

    /**
     * The resource type for an {@code apiVersion} and kind, if the cluster serves it.
     *
     * @param apiVersion {@code group/version}, or {@code version} for the core group ({@code v1})
     * @param kind the kind, for example {@code Deployment}
     * @return the type, or empty when the cluster does not serve that kind in that version
     */
    default Optional<ResourceType> resourceType(String apiVersion, String kind) {
        GroupVersion groupVersion = GroupVersion.parse(apiVersion);
        return resourceTypes().stream()
                .filter(t -> t.is(groupVersion.group(), kind) && t.version().equals(groupVersion.version()))
                .findFirst();
    }

    /**
     * The resource type of an object, from its {@code apiVersion} and {@code kind}.
     *
     * @param object an object with {@code apiVersion} and {@code kind}
     * @return the type, or empty when the cluster does not serve it
     */
    default Optional<ResourceType> resourceTypeOf(JsonNode object) {
        return resourceType(KubernetesObjects.apiVersion(object), KubernetesObjects.kind(object));
    }

    /**
     * Reads one object.
     *
     *
     * @param type the object's resource type
     * @param namespace its namespace, or empty for a cluster-scoped type
     * @param name its name
     * @return the object, or empty when it does not exist
     */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name);

    /**
     * Lists the objects of a type, sorted by namespace and name.
     *
     * @param type the resource type to list
     * @param options the namespace and the label and field selectors
     * @return copies of the matching objects
     */
    default List<ObjectNode> list(ResourceType type, ListOptions options) {
        return listWithVersion(type, options).items();
    }

    /**
     * Lists the objects of a type, sorted by namespace and name, with the resourceVersion to
     * {@link #watch} from to see every later change.
     *
     *
     * @param type the resource type to list
     * @param options the namespace and the label and field selectors
     * @return the matching objects and the resourceVersion of the list
     * @throws ClusterException 400 when the field selector names a field the type does not support
     */
    ResourceList listWithVersion(ResourceType type, ListOptions options);

    /**
     * Creates an object; see {@link #create(ObjectNode, WriteOptions)}.
     *
     * @param object the object to create
     * @return the stored object
     */
    default ObjectNode create(ObjectNode object) {
        return create(object, WriteOptions.defaults());
    }

    /**
     * Creates an object. A namespaced object without a namespace goes to {@code default}.
     *
     *
     * @param object the object to create, with apiVersion, kind and metadata.name
     * @param options dry run, field manager and field validation
     * @return the stored object, with uid, resourceVersion and creationTimestamp (with
     *     {@link WriteOptions#dryRun()}: the object that would have been stored)
     * @throws ClusterException 409 when it exists, 404 when its type or namespace does not
     */
    ObjectNode create(ObjectNode object, WriteOptions options);

    /**
     * Replaces an object; see {@link #update(ObjectNode, WriteOptions)}.
     *
     * @param object the object to store, with apiVersion, kind and metadata.name
     * @return the stored object
     */
    default ObjectNode update(ObjectNode object) {
        return update(object, WriteOptions.defaults());
    }

    /**
     * Replaces an object. When {@code metadata.resourceVersion} is set it must be the stored
     * one; the object's {@code status} is not changed (it is a separate subresource).
     *
     *
     * @param object the object to store, with apiVersion, kind and metadata.name
     * @param options dry run, field manager and field validation
     * @return the stored object
     * @throws ClusterException 404 when it does not exist, 409 when the resourceVersion is stale,
     *     422 when it changes an immutable field
     */
    ObjectNode update(ObjectNode object, WriteOptions options);

    /**
     * Replaces the status of an object; see {@link #updateStatus(ObjectNode, WriteOptions)}.
     *
     * @param object the object with its new status
     * @return the stored object
     */
    default ObjectNode updateStatus(ObjectNode object) {
        return updateStatus(object, WriteOptions.defaults());
    }

    /**
     * Replaces the {@code status} of an object through its status subresource, as a controller
     * does; everything but the status of the given object is ignored.
     *
     *
     * @param object the object with its new status, with apiVersion, kind and metadata.name
     * @param options dry run and field manager
     * @return the stored object
     * @throws ClusterException 404 when it does not exist or its type has no status
     *     subresource, 409 when the resourceVersion is stale
     */
    ObjectNode updateStatus(ObjectNode object, WriteOptions options);

    /**
     * Patches an object. A server-side apply ({@link PatchType#APPLY}) creates the object when
     * it does not exist and needs {@link WriteOptions#fieldManager()}.
     *
     *
     * @param type the object's resource type
     * @param namespace its namespace, empty for a cluster-scoped type
     * @param name its name
     * @param patch the patch format and body
     * @param options dry run, field manager, force and field validation
     * @return the stored object
     * @throws ClusterException 404 when it does not exist (except for an apply), 409 on a
     *     server-side apply conflict, 422 when the patch cannot be applied
     */
    ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options);

    /**
     * Server-side applies {@code object} as {@code options.fieldManager()}: the fields it sets
     * become that manager's, fields the manager set before and no longer sets are removed.
     *
     *
     * @param object the whole object as the manager wants it, with apiVersion, kind and metadata.name
     * @param options the field manager (required), dry run and force
     * @return the stored object
     * @throws ClusterException 409 listing the fields and their managers when another manager
     *     owns a field with another value, unless {@link WriteOptions#force()}
     */
    default ObjectNode apply(ObjectNode object, WriteOptions options) {
        return patch(requireResourceTypeOf(object), KubernetesObjects.namespace(object), KubernetesObjects.name(object),
                Patch.apply(object), options);
    }

    /**
     * Deletes an object with the server's default propagation; see {@link #delete(ResourceType, String, String, DeleteOptions)}.
     *
     * @param type the object's resource type
     * @param namespace its namespace, empty for a cluster-scoped type
     * @param name its name
     * @return whether it existed
     */
    default boolean delete(ResourceType type, String namespace, String name) {
        return delete(type, namespace, name, DeleteOptions.defaults());
    }

    /**
     * Deletes an object. With finalizers (or {@link PropagationPolicy#FOREGROUND}) it stays,
     * with a deletionTimestamp, until they are removed.
     *
     *
     * @param type the object's resource type
     * @param namespace its namespace, empty for a cluster-scoped type
     * @param name its name
     * @param options propagation policy, dry run and preconditions
     * @return whether it existed
     * @throws ClusterException 409 when a precondition fails
     */
    boolean delete(ResourceType type, String namespace, String name, DeleteOptions options);

    /**
     * Watches the objects of a type that match {@code options}.
     *
     *
     * @param type the resource type to watch
     * @param options the namespace and the label and field selectors
     * @param resourceVersion where to start: empty for "now", with an {@code ADDED} event for
     *     every object already there; otherwise every change after that resourceVersion
     * @param listener receives the events, one at a time, and the end of the watch
     * @return the open watch; close it to stop
     * @throws ClusterException 410 when the resourceVersion is too old to resume from
     */
    Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener);

    /**
     * The resource type of an object, or a {@link ClusterException} (404) saying the cluster does
     * not serve it.
     *
     * @param object an object with {@code apiVersion} and {@code kind}
     * @return the type the cluster serves for it
     * @throws ClusterException 404 when the cluster does not serve that kind in that version
     */
    default ResourceType requireResourceTypeOf(JsonNode object) {
        return resourceTypeOf(object).orElseThrow(() -> new ClusterException(404,
                "the cluster has no resource type " + KubernetesObjects.apiVersion(object) + " "
                        + KubernetesObjects.kind(object) + " (for " + KubernetesObjects.name(object)
                        + "); if it is a custom resource, install its CustomResourceDefinition first"));
    }
}
