package io.gitops4j.core.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.diff.DiffResult;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.k8s.sync.LiveObjects;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.StateComparer;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares manifests you have at hand (rendered from a local directory, or read from a file) with
 * the objects they describe, as {@code kubectl diff} and {@code argocd app diff --local} do, without
 * changing anything.
 *
 * <p>Objects without a namespace get the destination namespace, as Argo CD sets it; cluster-scoped
 * kinds stay without one. With an application name, the manifests carry its tracking mark (as a
 * sync would write it) and the live objects it tracks that the manifests no longer have are
 * {@code Extraneous}, as {@code argocd app diff} shows them; without one, only the manifests'
 * objects are compared, as {@code kubectl diff} compares them. Hooks are not compared against a
 * cluster (Argo CD's diff leaves them out).
 *
 * <pre>{@code
 * LocalDiffResult result = LocalDiff.builder().namespace("shop").app("shop").build()
 *         .against(cluster, rendered);
 * if (result.modified()) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalDiff {

    /** The application name used inside when there is none; never written anywhere. */
    private static final String NO_APP = "gitops4j-local-diff";

    private final ResourceDiffer differ;
    private final Optional<String> namespace;
    private final Optional<String> app;
    private final ResourceTracking tracking;

    private LocalDiff(Builder builder) {
        this.differ = builder.differ;
        this.namespace = builder.namespace;
        this.app = builder.app;
        this.tracking = builder.tracking;
    }

    /**
     * Starts a diff: no destination namespace, no application, annotation tracking, default differ.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compares the manifests with the cluster's objects: each one read from the cluster, and with
     * an application, every object the cluster has that it tracks.
     *
     * @param cluster the cluster, read only
     * @param manifests the objects as rendered (not modified)
     * @return each resource's state and diff, and any warnings
     * @throws GitOpsException when an object has no name, or the cluster cannot be read
     */
    public LocalDiffResult against(Cluster cluster, List<ObjectNode> manifests) {
        Objects.requireNonNull(cluster, "cluster");
        SyncTarget target = SyncTarget.builder(app.orElse(NO_APP), namespace.orElse("default"))
                .tracking(app.isPresent() ? tracking : NoTracking.INSTANCE)
                .fieldManager(differ.fieldManager()).build();
        DesiredState desired = DesiredState.prepare(manifests, target, cluster);
        LiveObjects live = LiveObjects.of(cluster);
        LiveObjects compared = app.isPresent() ? live : new LiveObjects() {
            @Override
            public Optional<ObjectNode> get(ResourceType type, String ns, String name) {
                return live.get(type, ns, name);
            }

            @Override
            public Collection<ObjectNode> trackedBy(String appName, ResourceTracking ignored) {
                return List.of();
            }
        };
        Comparison comparison = new StateComparer(cluster, differ, compared).compare(desired);
        List<String> warnings = new ArrayList<>(desired.warnings());
        comparison.conditions().forEach(c -> warnings.add(c.message()));
        return new LocalDiffResult(comparison.resources(), warnings);
    }

    /**
     * Compares the manifests with live objects you have read yourself ({@code kubectl get -o yaml}):
     * objects pair up by group, kind, namespace and name. Without an application, every live object
     * the manifests do not have is {@code Extraneous}; with one, only those it tracks.
     *
     * @param live the live objects, as the cluster returns them
     * @param manifests the objects as rendered (not modified)
     * @return each resource's state and diff, and any warnings
     * @throws GitOpsException when an object has no kind or name, or one appears twice
     */
    public LocalDiffResult against(List<ObjectNode> live, List<ObjectNode> manifests) {
        ObjectScopes scopes = new ObjectScopes(manifests, live);
        Map<ResourceKey, ObjectNode> liveByKey = byKey(live, "live objects");
        List<ObjectNode> placed = new ArrayList<>();
        for (ObjectNode object : manifests) {
            ObjectNode positioned = scopes.isNamespaced(object)
                    ? namespace.filter(ns -> KubernetesObjects.namespace(object).isEmpty())
                            .map(ns -> KubernetesObjects.withNamespace(object, ns)).orElse(object)
                    : KubernetesObjects.withNamespace(object, "");
            placed.add(app.map(name -> tracking.mark(positioned, name)).orElse(positioned));
        }
        Map<ResourceKey, ObjectNode> desiredByKey = byKey(placed, "manifests");
        List<ResourceState> states = new ArrayList<>();
        desiredByKey.forEach((key, object) -> states.add(compareOne(key, object, liveByKey.get(key))));
        liveByKey.forEach((key, object) -> {
            if (!desiredByKey.containsKey(key) && app.map(name -> tracking.isTrackedBy(object, name)).orElse(true)) {
                states.add(new ResourceState(key, SyncStatus.EXTRANEOUS, Optional.empty(), Optional.of(object),
                        Optional.empty()));
            }
        });
        return new LocalDiffResult(states, List.of());
    }

    private ResourceState compareOne(ResourceKey key, ObjectNode desired, ObjectNode live) {
        if (live == null) {
            return new ResourceState(key, SyncStatus.MISSING, Optional.of(desired), Optional.empty(), Optional.empty());
        }
        DiffResult diff = differ.diff(desired, live);
        return new ResourceState(key, diff.modified() ? SyncStatus.OUT_OF_SYNC : SyncStatus.SYNCED,
                Optional.of(desired), Optional.of(live), Optional.of(diff));
    }

    private static Map<ResourceKey, ObjectNode> byKey(List<ObjectNode> objects, String what) {
        Map<ResourceKey, ObjectNode> byKey = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            ResourceKey key = ResourceKey.of(object);
            if (key.kind().isEmpty() || key.name().isEmpty()) {
                throw new GitOpsException("an object of the " + what + " has no kind or metadata.name: every "
                        + "Kubernetes object needs both");
            }
            if (byKey.put(key, object) != null) {
                throw new GitOpsException(key + " appears twice in the " + what);
            }
        }
        return byKey;
    }

    /** Options of a {@link LocalDiff}. */
    public static final class Builder {

        private ResourceDiffer differ = ResourceDiffer.defaults();
        private Optional<String> namespace = Optional.empty();
        private Optional<String> app = Optional.empty();
        private ResourceTracking tracking = ResourceTracking.annotation();

        private Builder() {
        }

        /**
         * How objects are compared: ignore rules, field manager (default: {@link
         * ResourceDiffer#defaults()}).
         *
         * @param value the differ
         * @return this builder
         */
        public Builder differ(ResourceDiffer value) {
            this.differ = Objects.requireNonNull(value, "differ");
            return this;
        }

        /**
         * The destination namespace, given to namespaced objects that name none (default against
         * a cluster: {@code default}; against live objects read yourself: none, objects stay as
         * they are).
         *
         * @param value the namespace
         * @return this builder
         */
        public Builder namespace(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a destination namespace needs a name");
            }
            this.namespace = Optional.of(value);
            return this;
        }

        /**
         * The application the manifests are for: its tracking mark, and its live objects as Extraneous.
         *
         * @param value the application's name
         * @return this builder
         */
        public Builder app(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("an application needs a name");
            }
            this.app = Optional.of(value);
            return this;
        }

        /**
         * How the application marks its objects (default: Argo CD's annotation).
         *
         * @param value the tracking method
         * @return this builder
         */
        public Builder tracking(ResourceTracking value) {
            this.tracking = Objects.requireNonNull(value, "tracking");
            return this;
        }

        /** {@return the diff, to run with {@code against}} */
        public LocalDiff build() {
            return new LocalDiff(this);
        }
    }
}
