package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The comparison of an application's desired objects with the cluster.
 *
 * @param target the application compared, as its desired state named it; a sync of the
 *     comparison applies, marks and prunes with it
 * @param resources every desired object that is not a hook and every extraneous live one,
 *     desired first in their Git order, then extraneous ones sorted by key
 * @param hooks the hooks Git holds, which are run by a sync rather than compared
 * @param conditions problems found while comparing, such as live objects another application
 *     also claims ({@link ApplicationCondition.Type#SHARED_RESOURCE_WARNING})
 */
public record Comparison(SyncTarget target, List<ResourceState> resources, List<ObjectNode> hooks,
        List<ApplicationCondition> conditions) {

    /**
     * Checks that a target is given, and copies the lists.
     *
     * @param target the application compared, as its desired state named it; a sync of the comparison
     *     applies, marks and prunes with it
     * @param resources every desired object that is not a hook and every extraneous live one, desired first
     *     in their Git order, then extraneous ones sorted by key
     * @param hooks the hooks Git holds, which are run by a sync rather than compared
     * @param conditions problems found while comparing, such as live objects another application also claims
     *     ({@link ApplicationCondition.Type#SHARED_RESOURCE_WARNING})
     * @throws NullPointerException when {@code target} is {@code null}
     */
    public Comparison {
        Objects.requireNonNull(target, "target");
        resources = List.copyOf(resources);
        hooks = List.copyOf(hooks);
        conditions = List.copyOf(conditions);
    }

    /**
     * A comparison that found no conditions.
     *
     * @param target the application compared
     * @param resources every resource in Git or tracked live, with its sync status
     * @param hooks the hooks Git holds
     */
    public Comparison(SyncTarget target, List<ResourceState> resources, List<ObjectNode> hooks) {
        this(target, resources, hooks, List.of());
    }

    /**
     * The application compared, the target's name.
     *
     * @return the application's name
     */
    public String appName() {
        return target.appName();
    }

    /**
     * The conditions of one type.
     *
     * @param type the condition type
     * @return the conditions of that type, in order
     */
    public List<ApplicationCondition> conditions(ApplicationCondition.Type type) {
        return conditions.stream().filter(c -> c.type() == type).toList();
    }

    /**
     * {@link SyncStatus#SYNCED} when every resource is, {@link SyncStatus#OUT_OF_SYNC} otherwise.
     *
     * @return the application's sync status
     */
    public SyncStatus status() {
        return resources.stream().allMatch(r -> r.status() == SyncStatus.SYNCED)
                ? SyncStatus.SYNCED
                : SyncStatus.OUT_OF_SYNC;
    }

    /**
     * Whether Git holds no resources, hooks not counted: a render of nothing but hooks would prune
     * every resource as surely as an empty one, so both are refused unless empty syncs are allowed.
     *
     * @return whether no resource is in Git
     */
    public boolean gitIsEmpty() {
        return resources.stream().noneMatch(r -> r.desired().isPresent());
    }

    /**
     * The resources that are not {@link SyncStatus#SYNCED}.
     *
     * @return the resources to sync or prune, in order
     */
    public List<ResourceState> outOfSync() {
        return resources.stream().filter(r -> r.status() != SyncStatus.SYNCED).toList();
    }
}
