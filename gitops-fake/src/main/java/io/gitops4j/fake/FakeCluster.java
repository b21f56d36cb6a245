package io.gitops4j.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.gitops4j.fake.internal.FakeApi;
import io.gitops4j.fake.internal.ServedType;
import io.gitops4j.fake.internal.controllers.ControllerManager;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory Kubernetes API server for tests: it stores objects of every built-in kind and of
 * every kind whose CustomResourceDefinition it holds, and treats them as an API server does.
 * {@link FakeApiServer} serves the same cluster over HTTP to fabric8 clients and {@code kubectl}.
 *
 * <ul>
 *   <li>Created objects get a uid, a resourceVersion from one cluster-wide counter, a
 *       creationTimestamp from the injected clock, and {@code generation: 1} on kinds that track
 *       it; {@code generateName} gets a random suffix.
 *   <li>Writes that carry a resourceVersion must carry the stored one (409 otherwise); they bump
 *       the resourceVersion, and the generation when anything but metadata and status changed;
 *       a write that changes nothing changes nothing, resourceVersion included.
 *       {@code status} is a subresource, written only by {@link #updateStatus}. Immutable fields
 *       (workload selectors, a Job's template, ...) and invalid names and labels are refused (422).
 *   <li>Stored objects get the API server's defaults of the built-in kinds, and Services their
 *       cluster IP and node ports.
 *   <li>JSON patches, JSON merge patches and strategic merge patches (the built-in kinds' merge
 *       keys; custom resources merge as JSON merge patch, as on a real server), and
 *       {@code dryRun=All} on every write; the scale subresource
 *       ({@link #scale(ResourceType, String, String, int, WriteOptions)}).
 *   <li>Server-side apply ({@link #apply}) with {@code metadata.managedFields} kept per manager
 *       and operation: the applier owns the fields it sets; a field another manager owns with
 *       another value conflicts (409, {@link io.gitops4j.cluster.ApplyConflictException} naming
 *       each field and its manager) unless forced; fields it no longer sets are removed unless
 *       another manager owns them. Custom resources merge by their definition's structural
 *       schema ({@code x-kubernetes-list-type}, list map keys, map types). Every other write
 *       records an {@code Update} entry for the fields it changed.
 *   <li>A namespaced object needs its Namespace, which must not be terminating; the namespaces
 *       {@code default}, {@code kube-system}, {@code kube-public} and {@code kube-node-lease}
 *       exist from the start.
 *   <li>Deletion honours finalizers and garbage-collects dependents through their
 *       ownerReferences with propagation Background, Foreground or Orphan; a deleted Namespace
 *       empties itself, a deleted CustomResourceDefinition takes its custom resources and its
 *       types with it.
 *   <li>Label selectors (set-based ones included) and field selectors on list and watch; watches
 *       from any recent resourceVersion with ADDED / MODIFIED / DELETED events, delivered before
 *       the write that caused them returns (unless another thread is delivering already).
 *   <li>{@link #faults()} injects failures, latency and dropped watches.
 * </ul>
 *
 * <p>Thread-safe. Objects go in and come out as copies.
 */
public final class FakeCluster implements Cluster {

    /** How many changes a watch can resume from, unless the builder says otherwise. */
    static final int DEFAULT_WATCH_HISTORY = 10_000;

    /** The Kubernetes version a fake cluster reports unless told another: the one the HTTP fake serves. */
    public static final String DEFAULT_KUBERNETES_VERSION = "1.35";

    private static final List<String> INITIAL_NAMESPACES =
            List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final Clock clock;
    private final FakeApi api;
    private final Faults faults;
    private final RequestCounts requests = new RequestCounts();
    private final SimulatedControllers controllers;
    private final String kubernetesVersion;

    /** A fake cluster on the system clock. */
    public FakeCluster() {
        this(Clock.systemUTC());
    }

    /**
     * A fake cluster whose timestamps come from {@code clock}.
     *
     * @param clock stamps creationTimestamp, deletionTimestamp and managedFields times, and measures the
     *     simulated controllers' deadlines; a {@link ManualClock} makes them move only when a test says so
     */
    public FakeCluster(Clock clock) {
        this(clock, DEFAULT_WATCH_HISTORY, DEFAULT_KUBERNETES_VERSION);
    }

    private FakeCluster(Clock clock, int watchHistory, String kubernetesVersion) {
        this.clock = clock;
        this.kubernetesVersion = kubernetesVersion;
        this.api = new FakeApi(clock, watchHistory);
        this.faults = new Faults(api, requests);
        this.controllers = new SimulatedControllers(new ControllerManager(api));
        for (String namespace : INITIAL_NAMESPACES) {
            ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            ns.putObject("metadata").put("name", namespace);
            api.write(() -> api.writes().create(ns, WriteOptions.defaults()));
        }
    }

    /**
     * A builder for a fake cluster with options beyond the clock.
     *
     * @return a builder with the system clock and a watch history of 10,000 changes
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Kubernetes version this cluster reports ({@value #DEFAULT_KUBERNETES_VERSION} unless
     * {@link Builder#kubernetesVersion} set another), as the HTTP fake's {@code /version} says.
     */
    @Override
    public Optional<String> kubernetesVersion() {
        return Optional.of(kubernetesVersion);
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return api.servedTypes().stream().map(ServedType::type).toList();
    }

    @Override
    public Optional<ResourceType> resourceType(String apiVersion, String kind) {
        GroupVersion groupVersion = GroupVersion.parse(apiVersion);
        return api.servedType(groupVersion.group(), groupVersion.version(), kind).map(ServedType::type);
    }

    @Override
    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return api.get(type, namespace, name);
    }

    /**
     * Reads one object by {@code apiVersion}, kind, namespace and name.
     *
     * @param apiVersion {@code group/version}, or {@code v1} for the core group
     * @param kind the kind, for example {@code ConfigMap}
     * @param namespace its namespace, empty for a cluster-scoped kind
     * @param name its name
     * @return a copy of the object, or empty when it, or its kind, does not exist
     */
    public Optional<ObjectNode> get(String apiVersion, String kind, String namespace, String name) {
        return resourceType(apiVersion, kind).flatMap(type -> get(type, namespace, name));
    }

    @Override
    public ResourceList listWithVersion(ResourceType type, ListOptions options) {
        return api.list(type, options);
    }

    @Override
    public ObjectNode create(ObjectNode object, WriteOptions options) {
        return api.create(requireResourceTypeOf(object), object, options);
    }

    @Override
    public ObjectNode update(ObjectNode object, WriteOptions options) {
        return api.update(requireResourceTypeOf(object), object, options);
    }

    @Override
    public ObjectNode updateStatus(ObjectNode object, WriteOptions options) {
        return api.updateStatus(requireResourceTypeOf(object), object, options);
    }

    @Override
    public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
        return api.patch(type, namespace, name, patch, options);
    }

    /** As {@link Cluster#apply}, without copying the object one more time. */
    @Override
    public ObjectNode apply(ObjectNode object, WriteOptions options) {
        return api.patch(requireResourceTypeOf(object), KubernetesObjects.namespace(object), KubernetesObjects.name(object),
                new Patch(PatchType.APPLY, object), options);
    }

    /**
     * The {@code autoscaling/v1} Scale of an object through its scale subresource (Deployments,
     * ReplicaSets, StatefulSets, ReplicationControllers, and custom resources whose definition
     * declares {@code subresources.scale}): desired and current replicas, and the selector.
     *
     *
     * @param type the object's resource type
     * @param namespace its namespace
     * @param name its name
     * @return the Scale: {@code spec.replicas}, {@code status.replicas} and {@code status.selector}
     * @throws ClusterException 404 when the object does not exist or its kind has no scale subresource
     */
    public ObjectNode scale(ResourceType type, String namespace, String name) {
        return api.getScale(type, namespace, name);
    }

    /**
     * Sets an object's desired replicas through its scale subresource, as {@code kubectl scale}
     * or an autoscaler does: the field manager of {@code options} owns {@code spec.replicas} for
     * the {@code scale} subresource afterwards.
     *
     *
     * @param type the object's resource type
     * @param namespace its namespace
     * @param name its name
     * @param replicas the desired replicas, at least 0
     * @param options the field manager and dry run
     * @return the new Scale
     * @throws ClusterException 404 as {@link #scale(ResourceType, String, String)}; 422 for a negative count
     */
    public ObjectNode scale(ResourceType type, String namespace, String name, int replicas, WriteOptions options) {
        ObjectNode scale = Json.object();
        scale.putObject("spec").put("replicas", replicas);
        return api.updateScale(type, namespace, name, scale, options);
    }

    @Override
    public boolean delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        try {
            api.delete(type, namespace, name, options);
            return true;
        } catch (ClusterException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
        return api.watch(type, options, resourceVersion, listener);
    }

    /**
     * Every stored object, of every type, sorted by group, kind, namespace and name.
     *
     * @return copies of the objects; changing them changes nothing in the cluster
     */
    public List<ObjectNode> objects() {
        return api.write(() -> {
            List<ObjectNode> all = new ArrayList<>();
            for (String groupKind : api.state().store().groupKinds()) {
                api.state().store().list(groupKind, "").forEach(o -> all.add(o.deepCopy()));
            }
            return all;
        });
    }

    /**
     * Creates every object of a YAML stream, in order: a quick way to seed a test cluster.
     *
     *
     * @param yaml one or more YAML documents separated by {@code ---}
     * @return the stored objects
     * @throws io.gitops4j.kube.ManifestException when the YAML cannot be read
     * @throws ClusterException when a create fails, for example 409 when the object exists; the objects
     *     before it stay created
     */
    public List<ObjectNode> createFromYaml(String yaml) {
        List<ObjectNode> created = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(yaml, "yaml")) {
            created.add(create(document.body()));
        }
        return created;
    }

    /**
     * The cluster's current resourceVersion: watching from it sees every later change.
     *
     * @return the resourceVersion, a decimal number
     */
    public String resourceVersion() {
        return api.resourceVersion();
    }

    /**
     * The faults injected into this cluster's requests.
     *
     * @return the faults of this cluster
     */
    public Faults faults() {
        return faults;
    }

    /**
     * How many client requests this cluster has answered, by verb and kind.
     *
     * @return the counts of this cluster, growing as requests come
     */
    public RequestCounts requests() {
        return requests;
    }

    /**
     * The simulated controllers: nothing runs until a test calls {@link SimulatedControllers#tick()}
     * (or the CLI's {@code --simulate-controllers} ticks every second).
     *
     * @return the controllers of this cluster
     */
    public SimulatedControllers controllers() {
        return controllers;
    }

    /**
     * The clock this cluster stamps times with.
     *
     * @return the clock given to the constructor or builder
     */
    public Clock clock() {
        return clock;
    }

    /** The engine behind this cluster, for the HTTP server and the simulated controllers. */
    FakeApi api() {
        return api;
    }

    /** Builds a {@link FakeCluster}. */
    public static final class Builder {

        private Clock clock = Clock.systemUTC();
        private int watchHistory = DEFAULT_WATCH_HISTORY;
        private String kubernetesVersion = DEFAULT_KUBERNETES_VERSION;

        private Builder() {
        }

        /**
         * The Kubernetes version the in-process cluster reports, {@code major.minor}
         * ({@value FakeCluster#DEFAULT_KUBERNETES_VERSION} by default): what Helm charts rendered
         * for it see as {@code .Capabilities.KubeVersion}. The HTTP fake's {@code /version}
         * always says 1.35.
         *
         * @param majorMinor the version, such as {@code 1.31}
         * @return this builder
         * @throws IllegalArgumentException when it is not {@code major.minor}
         */
        public Builder kubernetesVersion(String majorMinor) {
            if (majorMinor == null || !majorMinor.matches("\\d+\\.\\d+")) {
                throw new IllegalArgumentException("a Kubernetes version is major.minor, such as 1.31, not " + majorMinor);
            }
            this.kubernetesVersion = majorMinor;
            return this;
        }

        /**
         * The clock timestamps come from; the system clock by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * How many changes are kept for watches to resume from (10,000 by default); a watch from
         * an older resourceVersion fails with 410 Expired, as on a real API server.
         *
         * @param changes the number of changes kept, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code changes} is less than 1
         */
        public Builder watchHistory(int changes) {
            if (changes < 1) {
                throw new IllegalArgumentException("the watch history must hold at least one change, not " + changes);
            }
            this.watchHistory = changes;
            return this;
        }

        /**
         * A new, empty fake cluster (namespaces {@code default}, {@code kube-system}, {@code kube-public} and
         * {@code kube-node-lease} only) with these options.
         *
         * @return the cluster
         */
        public FakeCluster build() {
            return new FakeCluster(clock, watchHistory, kubernetesVersion);
        }
    }
}
