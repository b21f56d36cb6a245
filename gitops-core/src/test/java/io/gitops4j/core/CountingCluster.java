package io.gitops4j.core;

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
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster that records every write made through it ({@code update Application argocd/guestbook})
 * and every GET ({@link #gets()}), lists and watches going straight through.
 */
final class CountingCluster implements Cluster {

    private final Cluster cluster;
    private final List<String> writes = new ArrayList<>();
    private final List<String> gets = new ArrayList<>();

    CountingCluster(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Every write so far, oldest first. */
    List<String> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    /** Every GET so far ({@code get Application argocd/guestbook}), oldest first. */
    List<String> gets() {
        synchronized (writes) {
            return List.copyOf(gets);
        }
    }

    private void record(String verb, String kind, String namespace, String name) {
        synchronized (writes) {
            writes.add(verb + " " + kind + " " + namespace + "/" + name);
        }
    }

    private void record(String verb, ObjectNode object) {
        record(verb, KubernetesObjects.kind(object), KubernetesObjects.namespace(object), KubernetesObjects.name(object));
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return cluster.resourceTypes();
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        synchronized (writes) {
            gets.add("get " + type.kind() + " " + namespace + "/" + name);
        }
        return cluster.get(type, namespace, name);
    }

    @Override
    public ResourceList listWithVersion(ResourceType type, ListOptions options) {
        return cluster.listWithVersion(type, options);
    }

    @Override
    public ObjectNode create(ObjectNode object, WriteOptions options) {
        record("create", object);
        return cluster.create(object, options);
    }

    @Override
    public ObjectNode update(ObjectNode object, WriteOptions options) {
        record("update", object);
        return cluster.update(object, options);
    }

    @Override
    public ObjectNode updateStatus(ObjectNode object, WriteOptions options) {
        record("updateStatus", object);
        return cluster.updateStatus(object, options);
    }

    @Override
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        record("patch", type.kind(), namespace, name);
        return cluster.patch(type, namespace, name, patch, options);
    }

    @Override
    public boolean delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        record("delete", type.kind(), namespace, name);
        return cluster.delete(type, namespace, name, options);
    }

    @Override
    public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
        return cluster.watch(type, options, resourceVersion, listener);
    }
}
