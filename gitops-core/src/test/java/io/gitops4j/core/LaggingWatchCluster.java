package io.gitops4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.cluster.WriteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster whose watch events wait until the test delivers them, as events crossing a network
 * arrive some time after the write that caused them: reads and writes go straight through.
 */
final class LaggingWatchCluster implements Cluster {

    private record Held(WatchListener listener, WatchEvent event) {
    }

    private final Cluster cluster;
    private final List<Held> held = new ArrayList<>();

    LaggingWatchCluster(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Hands every held event to its watch, in the order they happened. */
    void deliver() {
        List<Held> now;
        synchronized (held) {
            now = List.copyOf(held);
            held.clear();
        }
        now.forEach(h -> h.listener().onEvent(h.event()));
    }

    @Override
    public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
        return cluster.watch(type, options, resourceVersion, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                synchronized (held) {
                    held.add(new Held(listener, event));
                }
            }

            @Override
            public void onClose(io.gitops4j.cluster.ClusterException reason) {
                listener.onClose(reason);
            }
        });
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return cluster.resourceTypes();
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return cluster.get(type, namespace, name);
    }

    @Override
    public ResourceList listWithVersion(ResourceType type, ListOptions options) {
        return cluster.listWithVersion(type, options);
    }

    @Override
    public ObjectNode create(ObjectNode object, WriteOptions options) {
        return cluster.create(object, options);
    }

    @Override
    public ObjectNode update(ObjectNode object, WriteOptions options) {
        return cluster.update(object, options);
    }

    @Override
    public ObjectNode updateStatus(ObjectNode object, WriteOptions options) {
        return cluster.updateStatus(object, options);
    }

    @Override
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        return cluster.patch(type, namespace, name, patch, options);
    }

    @Override
    public boolean delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        return cluster.delete(type, namespace, name, options);
    }
}
