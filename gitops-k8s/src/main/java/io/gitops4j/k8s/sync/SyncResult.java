package io.gitops4j.k8s.sync;

import io.gitops4j.kube.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of a sync operation: its phase, a one-line message, and every resource's outcome in
 * the order the sync handles them (phase, wave, kind, name).
 *
 * @param phase where the operation stands; {@link OperationPhase#isCompleted()} once it is over
 * @param message a one-line summary
 * @param resources one result per resource and hook run
 * @param startedAt when the operation started (from the engine's clock)
 * @param finishedAt when it completed
 * @param retries how many times failed tasks were retried
 * @param warnings problems worth showing that did not stop the sync
 * @param conditions the conditions of the comparison the sync started from, such as resources
 *     another application also claims (Argo CD's {@code SharedResourceWarning})
 */
public record SyncResult(OperationPhase phase, String message, List<ResourceResult> resources, Instant startedAt,
        Optional<Instant> finishedAt, int retries, List<String> warnings, List<ApplicationCondition> conditions) {

    /**
     * Copies the lists.
     *
     * @param phase where the operation stands; {@link OperationPhase#isCompleted()} once it is over
     * @param message a one-line summary
     * @param resources one result per resource and hook run
     * @param startedAt when the operation started (from the engine's clock)
     * @param finishedAt when it completed
     * @param retries how many times failed tasks were retried
     * @param warnings problems worth showing that did not stop the sync
     * @param conditions the conditions of the comparison the sync started from, such as resources another
     *     application also claims (Argo CD's {@code SharedResourceWarning})
     */
    public SyncResult {
        resources = List.copyOf(resources);
        warnings = List.copyOf(warnings);
        conditions = List.copyOf(conditions);
    }

    /**
     * The same result with more warnings after its own.
     *
     * @param more the warnings to add
     * @return the new result
     */
    public SyncResult withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new SyncResult(phase, message, resources, startedAt, finishedAt, retries, all, conditions);
    }

    /**
     * Whether the operation completed and succeeded.
     *
     * @return whether the phase is {@link OperationPhase#SUCCEEDED}
     */
    public boolean succeeded() {
        return phase == OperationPhase.SUCCEEDED;
    }

    /**
     * Whether the operation is over.
     *
     * @return whether the phase is final
     */
    public boolean isCompleted() {
        return phase.isCompleted();
    }

    /**
     * The resources created or updated (hooks not included).
     *
     * @return their keys, in the order they were applied
     */
    public List<ResourceKey> applied() {
        return resources.stream()
                .filter(r -> !r.isHook() && (r.action() == ResourceAction.CREATED || r.action() == ResourceAction.CONFIGURED))
                .map(ResourceResult::key).toList();
    }

    /**
     * The resources deleted because they left Git.
     *
     * @return their keys
     */
    public List<ResourceKey> pruned() {
        return keysWith(ResourceAction.PRUNED);
    }

    /**
     * The resources the cluster refused or that failed to become healthy, hooks included.
     *
     * @return their keys
     */
    public List<ResourceKey> failed() {
        return resources.stream().filter(r -> r.action() == ResourceAction.FAILED || r.status() == OperationPhase.FAILED)
                .map(ResourceResult::key).toList();
    }

    /**
     * The results of hooks.
     *
     * @return the results
     */
    public List<ResourceResult> hooks() {
        return resources.stream().filter(ResourceResult::isHook).toList();
    }

    private List<ResourceKey> keysWith(ResourceAction action) {
        return resources.stream().filter(r -> r.action() == action).map(ResourceResult::key).toList();
    }
}
