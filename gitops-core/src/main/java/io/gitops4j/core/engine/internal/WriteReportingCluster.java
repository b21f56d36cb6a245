package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.cluster.WriteOptions;
import java.util.List;
import java.util.Optional;

/**
 * A destination cluster as a sync engine writes it: every object a create, update, status update
 * or patch returned (never a dry run's) is handed to the destination's {@link LiveStateCache}, and
 * every delete too, so that the comparison after an operation sees what the operation wrote without
 * reading each object again ({@link LiveStateCache#reread}). Everything else goes straight through.
 * Thread-safe when the cluster is.
 */
final class WriteReportingCluster implements Cluster {

    private final Cluster cluster;
    private final LiveStateCache cache;

    WriteReportingCluster(Cluster cluster, LiveStateCache cache) {
        this.cluster = cluster;
        this.cache = cache;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return cluster.resourceTypes();
    }

    @Override
    public Optional<String> kubernetesVersion() {
        return cluster.kubernetesVersion();
    }

    @Override
    public Optional<ResourceType> resourceType(String apiVersion, String kind) {
        return cluster.resourceType(apiVersion, kind);
    }

    @Override
    public Optional<ResourceType> resourceTypeOf(JsonNode object) {
        return cluster.resourceTypeOf(object);
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return cluster.get(type, namespace, name);
    }

    @Override
    public List<ObjectNode> list(ResourceType type, ListOptions options) {
        return cluster.list(type, options);
    }

    @Override
    public ResourceList listWithVersion(ResourceType type, ListOptions options) {
        return cluster.listWithVersion(type, options);
    }

    @Override
    public ObjectNode create(ObjectNode object, WriteOptions options) {
        return written(cluster.create(object, options), options);
    }

    @Override
    public ObjectNode update(ObjectNode object, WriteOptions options) {
        return written(cluster.update(object, options), options);
    }

    @Override
    public ObjectNode updateStatus(ObjectNode object, WriteOptions options) {
        return written(cluster.updateStatus(object, options), options);
    }

    @Override
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        return written(cluster.patch(type, namespace, name, patch, options), options);
    }

    @Override
    public ObjectNode apply(ObjectNode object, WriteOptions options) {
        return written(cluster.apply(object, options), options);
    }

    @Override
    public boolean delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        try {
            return cluster.delete(type, namespace, name, options);
        } finally {
            cache.deleted(type, namespace, name);
        }
    }

    @Override
    public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
        return cluster.watch(type, options, resourceVersion, listener);
    }

    @Override
    public ResourceType requireResourceTypeOf(JsonNode object) {
        return cluster.requireResourceTypeOf(object);
    }

    private ObjectNode written(ObjectNode stored, WriteOptions options) {
        if (!options.dryRun()) {
            cache.written(stored);
        }
        return stored;
    }
}
