package io.gitops4j.core;

import io.gitops4j.kube.ResourceKey;
import io.gitops4j.k8s.health.ApplicationHealth;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.health.ResourceHealth;
import io.gitops4j.k8s.sync.ApplicationCondition;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one reconcile of an application found and did.
 *
 * @param appName the application
 * @param revision the commit SHA Git's target revision resolved to
 * @param revisionMessage the first line of that commit's message
 * @param before the comparison of Git with the cluster before anything was changed
 * @param sync the sync, when one ran
 * @param after the comparison after the sync (the same as {@code before} when none ran)
 * @param decision why a sync ran or did not
 * @param warnings problems worth showing that did not stop the reconcile: the unknown fields of the
 *     Application's manifest ({@link io.gitops4j.core.model.Application#warnings()}), repeated resources, sync warnings
 * @param health the application's health and each resource's, judged on the cluster after the sync
 */
public record ReconcileResult(
        String appName,
        String revision,
        String revisionMessage,
        Comparison before,
        Optional<SyncResult> sync,
        Comparison after,
        String decision,
        List<String> warnings,
        ApplicationHealth health) {

    /**
     * Copies {@code warnings}, so that the result stays immutable.
     *
     * @param appName the application
     * @param revision the commit SHA Git's target revision resolved to
     * @param revisionMessage the first line of that commit's message
     * @param before the comparison of Git with the cluster before anything was changed
     * @param sync the sync, when one ran
     * @param after the comparison after the sync (the same as {@code before} when none ran)
     * @param decision why a sync ran or did not
     * @param warnings problems worth showing that did not stop the reconcile
     * @param health the application's health and each resource's, judged on the cluster after the sync
     */
    public ReconcileResult {
        warnings = List.copyOf(warnings);
    }

    /** {@return the application's sync status now: {@code Synced} or {@code OutOfSync}} */
    public SyncStatus status() {
        return after.status();
    }

    /** {@return the application's health now: the worst health of its resources, as in Argo CD} */
    public HealthStatus healthStatus() {
        return health.status();
    }

    /** {@return each resource's sync status and health now} */
    public List<ResourceStatus> resources() {
        Map<ResourceKey, Optional<Health>> healthByKey = health.resources().stream()
                .collect(Collectors.toMap(ResourceHealth::key, ResourceHealth::health, (first, second) -> first));
        return after.resources().stream()
                .map(state -> new ResourceStatus(state.key(), state.status(),
                        healthByKey.getOrDefault(state.key(), Optional.empty())))
                .toList();
    }

    /**
     * {@return the conditions of the comparisons before and after the sync, each once: a resource another
     * application also claims is reported before a sync takes it over, not after}
     */
    public List<ApplicationCondition> conditions() {
        return Stream.concat(before.conditions().stream(), after.conditions().stream()).distinct().toList();
    }

    /** {@return the resources this reconcile created or updated} */
    public List<ResourceKey> applied() {
        return sync.map(SyncResult::applied).orElse(List.of());
    }

    /** {@return the resources this reconcile deleted because they left Git} */
    public List<ResourceKey> pruned() {
        return sync.map(SyncResult::pruned).orElse(List.of());
    }

    /** {@return whether a sync ran and failed} */
    public boolean syncFailed() {
        return sync.map(s -> !s.succeeded()).orElse(false);
    }

    /**
     * The status of one resource.
     *
     * @param key the resource
     * @param status how it compares with Git
     * @param health its health; empty when its kind has none or it does not count (a hook, say)
     */
    public record ResourceStatus(ResourceKey key, SyncStatus status, Optional<Health> health) {
    }
}
