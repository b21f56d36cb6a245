package io.gitops4j.k8s.sync;

import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.tracking.ResourceTracking;
import java.util.Objects;

/**
 * The application a desired state, a comparison and a sync are for, and how its objects are
 * placed and marked: set once, then carried along. {@link DesiredState#prepare} takes it and
 * marks the objects with its tracking; {@link StateComparer#compare} finds the application's
 * live objects with the same tracking and predicts applies as its field manager; the sync engine
 * applies, names hooks and prunes with them, because the {@link Comparison} carries the target.
 * A tracking method or field manager set in one place can no longer differ from the others.
 *
 * <pre>{@code
 * SyncTarget target = SyncTarget.builder("shop", "shop").tracking(ResourceTracking.label()).build();
 * DesiredState desired = DesiredState.prepare(rendered, target, cluster);
 * Comparison comparison = new StateComparer(cluster, ResourceDiffer.defaults()).compare(desired);
 * SyncResult result = engine.sync(comparison, SyncRequest.builder().prune(true).build());
 * }</pre>
 *
 * @param appName the application's name, written into tracking marks and sync Leases
 * @param namespace the destination namespace: namespaced objects that name none go there, and
 *     {@code CreateNamespace=true} creates it
 * @param tracking how objects are marked as the application's, Argo CD's resource tracking method
 * @param fieldManager the field manager of server-side applies (the comparison predicts its applies)
 * @param managedNamespaceMetadata labels and annotations of the namespace {@code CreateNamespace=true}
 *     manages, Argo CD's {@code spec.syncPolicy.managedNamespaceMetadata}
 * @param revision the Git revision the desired state was rendered from; it names hooks that only
 *     have {@code generateName}; empty when unknown
 */
public record SyncTarget(String appName, String namespace, ResourceTracking tracking, String fieldManager,
        ManagedNamespaceMetadata managedNamespaceMetadata, String revision) {

    /**
     * Checks that every part is given.
     *
     * @param appName the application's name, written into tracking marks and sync Leases
     * @param namespace the destination namespace: namespaced objects that name none go there, and
     *     {@code CreateNamespace=true} creates it
     * @param tracking how objects are marked as the application's, Argo CD's resource tracking method
     * @param fieldManager the field manager of server-side applies (the comparison predicts its applies)
     * @param managedNamespaceMetadata labels and annotations of the namespace {@code CreateNamespace=true}
     *     manages, Argo CD's {@code spec.syncPolicy.managedNamespaceMetadata}
     * @param revision the Git revision the desired state was rendered from; it names hooks that only have
     *     {@code generateName}; empty when unknown
     * @throws IllegalArgumentException when the application name or the field manager is blank
     * @throws NullPointerException when another part is {@code null}
     */
    public SyncTarget {
        if (appName == null || appName.isBlank()) {
            throw new IllegalArgumentException("a sync target needs an application name");
        }
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(tracking, "tracking");
        if (fieldManager == null || fieldManager.isBlank()) {
            throw new IllegalArgumentException("a field manager needs a name");
        }
        Objects.requireNonNull(managedNamespaceMetadata, "managedNamespaceMetadata");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * Starts a target. Unless set: annotation tracking (Argo CD's default), the field manager
     * {@value ResourceDiffer#DEFAULT_FIELD_MANAGER}, no managed namespace metadata, no revision.
     *
     *
     * @param appName the application's name
     * @param namespace the destination namespace
     * @return the builder
     */
    public static Builder builder(String appName, String namespace) {
        return new Builder(appName, namespace);
    }

    /**
     * A builder starting from this target.
     *
     * @return a builder with this target's settings
     */
    public Builder toBuilder() {
        return new Builder(appName, namespace).tracking(tracking).fieldManager(fieldManager)
                .managedNamespaceMetadata(managedNamespaceMetadata).revision(revision);
    }

    /** Builds a {@link SyncTarget}. */
    public static final class Builder {
        private final String appName;
        private final String namespace;
        private ResourceTracking tracking = ResourceTracking.annotation();
        private String fieldManager = ResourceDiffer.DEFAULT_FIELD_MANAGER;
        private ManagedNamespaceMetadata managedNamespaceMetadata = ManagedNamespaceMetadata.NONE;
        private String revision = "";

        private Builder(String appName, String namespace) {
            this.appName = appName;
            this.namespace = namespace;
        }

        /**
         * How objects are marked as the application's (default: annotation tracking).
         *
         * @param value the tracking method
         * @return this builder
         */
        public Builder tracking(ResourceTracking value) {
            this.tracking = Objects.requireNonNull(value, "tracking");
            return this;
        }

        /**
         * The field manager of server-side applies (default {@code gitops4j}).
         *
         * @param value the field manager, not blank
         * @return this builder
         */
        public Builder fieldManager(String value) {
            this.fieldManager = value;
            return this;
        }

        /**
         * Labels and annotations of the namespace {@code CreateNamespace=true} manages (default: none).
         *
         * @param value the labels and annotations
         * @return this builder
         */
        public Builder managedNamespaceMetadata(ManagedNamespaceMetadata value) {
            this.managedNamespaceMetadata = Objects.requireNonNull(value, "managedNamespaceMetadata");
            return this;
        }

        /**
         * The Git revision the desired state was rendered from (default: empty).
         *
         * @param value the revision, for example a commit SHA
         * @return this builder
         */
        public Builder revision(String value) {
            this.revision = Objects.requireNonNull(value, "revision");
            return this;
        }

        /**
         * A target with these settings.
         *
         * @return the target
         * @throws IllegalArgumentException when the field manager is blank
         */
        public SyncTarget build() {
            return new SyncTarget(appName, namespace, tracking, fieldManager, managedNamespaceMetadata, revision);
        }
    }
}
