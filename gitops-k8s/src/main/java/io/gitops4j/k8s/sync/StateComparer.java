package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.diff.DiffResult;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares an application's desired state with a cluster: each desired object with its live
 * counterpart, and every live object tracked as the application's that Git no longer has.
 * Hooks are not compared: a sync runs them; a hook left in the cluster is never extraneous.
 * The desired state's {@link SyncTarget} says how live objects are recognised as the
 * application's (its tracking) and whose server-side applies are predicted (its field manager,
 * which replaces the differ's); the comparison carries the target on to the sync.
 *
 * <p>A live counterpart tracked as another application's is reported as Argo CD's
 * {@code SharedResourceWarning} condition ("{@code ConfigMap/settings is part of applications shop
 * and billing}"); the comparison still includes it, so a sync takes it over unless
 * {@code FailOnSharedResource=true}. With ApplySet tracking the other claimant is named by its
 * set id, since ApplySet labels hold no application name.
 *
 * <p>Kinds Argo CD excludes from its cluster cache by default (Endpoints, EndpointSlice, Lease,
 * Event, CertificateSigningRequest) are not searched for extraneous objects
 * ({@link LiveObjects#EXCLUDED_GROUP_KINDS}).
 *
 * <p>Live objects come from a {@link LiveObjects}: the cluster itself, read on every comparison,
 * or a cache kept up to date by watches (the application controller's).
 */
public final class StateComparer {

    private final Cluster cluster;
    private final ResourceDiffer differ;
    private final LiveObjects live;

    /**
     * @param cluster the cluster to read live objects from
     * @param differ how a desired object is compared with its live one (ignored differences,
     *     status); its field manager gives way to the target's
     */
    public StateComparer(Cluster cluster, ResourceDiffer differ) {
        this(cluster, differ, LiveObjects.of(cluster));
    }

    /**
     * @param cluster the cluster, asked which resource type a desired object is
     * @param differ how a desired object is compared with its live one
     * @param live where live objects are read: the cluster, or a cache of it
     */
    public StateComparer(Cluster cluster, ResourceDiffer differ, LiveObjects live) {
        this.cluster = cluster;
        this.differ = differ;
        this.live = live;
    }

    /**
     * @param desired the prepared desired state, with the application it is for
     * @return every resource in Git or tracked live with its sync status, the hooks, and the conditions found
     */
    public Comparison compare(DesiredState desired) {
        SyncTarget target = desired.target();
        String appName = target.appName();
        ResourceTracking tracking = target.tracking();
        ResourceDiffer targetDiffer = differ.fieldManager().equals(target.fieldManager()) ? differ
                : differ.toBuilder().fieldManager(target.fieldManager()).build();
        List<ResourceState> states = new ArrayList<>();
        List<ObjectNode> hooks = new ArrayList<>();
        List<ApplicationCondition> conditions = new ArrayList<>();
        Set<ResourceKey> desiredKeys = new HashSet<>();
        for (ObjectNode object : desired.objects()) {
            if (Hooks.isHook(object)) {
                hooks.add(object);
                continue;
            }
            ResourceKey key = ResourceKey.of(object);
            desiredKeys.add(key);
            ResourceState state = compareOne(key, object, targetDiffer);
            state.live().flatMap(live -> sharedWith(live, appName, tracking)).ifPresent(conditions::add);
            states.add(state);
        }
        List<ResourceState> extraneous = new ArrayList<>();
        for (ObjectNode tracked : live.trackedBy(appName, tracking)) {
            ResourceKey key = ResourceKey.of(tracked);
            if (!desiredKeys.contains(key) && !Hooks.isHook(tracked)) {
                extraneous.add(new ResourceState(key, SyncStatus.EXTRANEOUS, Optional.empty(), Optional.of(tracked),
                        Optional.empty()));
            }
        }
        extraneous.sort(Comparator.comparing(ResourceState::key));
        states.addAll(extraneous);
        return new Comparison(target, states, hooks, conditions);
    }

    /** Argo CD's shared resource check: the live object's tracking names another application. */
    private static Optional<ApplicationCondition> sharedWith(ObjectNode live, String appName,
            ResourceTracking tracking) {
        if (tracking.isTrackedBy(live, appName)) {
            return Optional.empty();
        }
        return tracking.owningApp(live).map(other -> ApplicationCondition.sharedResource(
                KubernetesObjects.kind(live), KubernetesObjects.name(live), appName, other));
    }

    private ResourceState compareOne(ResourceKey key, ObjectNode desired, ResourceDiffer differ) {
        Optional<ObjectNode> current = cluster.resourceTypeOf(desired)
                .flatMap(type -> live.get(type, key.namespace(), key.name()));
        if (current.isEmpty()) {
            return new ResourceState(key, SyncStatus.MISSING, Optional.of(desired), Optional.empty(), Optional.empty());
        }
        DiffResult diff = differ.diff(desired, current.get());
        return new ResourceState(key, diff.modified() ? SyncStatus.OUT_OF_SYNC : SyncStatus.SYNCED,
                Optional.of(desired), current, Optional.of(diff));
    }
}
