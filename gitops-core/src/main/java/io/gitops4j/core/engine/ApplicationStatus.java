package io.gitops4j.core.engine;

import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.render.SourceType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application controller knows of an application, with the fields of Argo CD's
 * Application {@code .status}, so a controller over Argo CD's CRDs can write it there unchanged.
 * Immutable; a status that did not change is the same value (and is not written again).
 *
 * @param sync Synced, OutOfSync or Unknown, with the revision compared
 * @param health the application's health (the worst of its resources')
 * @param conditions problems worth showing: comparison and sync errors, shared or repeated
 *     resources, an invalid spec
 * @param operationState the running or last operation
 * @param resources each resource's sync status and health, sorted by key
 * @param history the successful syncs of every resource, oldest first, at most the
 *     application's {@code revisionHistoryLimit}
 * @param reconciledAt when the application was last compared with Git and the cluster (a round
 *     that found nothing moved does not count, so it writes nothing)
 * @param summary its images and external URLs
 * @param sourceType how its source was rendered
 */
public record ApplicationStatus(ApplicationSyncStatus sync, Health health, List<Condition> conditions,
        Optional<OperationState> operationState, List<ResourceStatus> resources, List<RevisionHistory> history,
        Optional<Instant> reconciledAt, ApplicationSummary summary, Optional<SourceType> sourceType) {

    /** Before anything is known. */
    public static final ApplicationStatus UNKNOWN = new ApplicationStatus(ApplicationSyncStatus.UNKNOWN,
            Health.of(HealthStatus.UNKNOWN), List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(),
            ApplicationSummary.EMPTY, Optional.empty());

    /**
     * Requires every field and copies the lists, so that the status stays immutable.
     *
     * @param sync Synced, OutOfSync or Unknown, with the revision compared
     * @param health the application's health (the worst of its resources')
     * @param conditions problems worth showing: comparison and sync errors, shared or repeated resources,
     *     an invalid spec
     * @param operationState the running or last operation
     * @param resources each resource's sync status and health, sorted by key
     * @param history the successful syncs of every resource, oldest first, at most the application's {@code
     *     revisionHistoryLimit}
     * @param reconciledAt when the application was last compared with Git and the cluster (a round that
     *     found nothing moved does not count, so it writes nothing)
     * @param summary its images and external URLs
     * @param sourceType how its source was rendered
     */
    public ApplicationStatus {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(health, "health");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(operationState, "operationState");
        resources = List.copyOf(resources);
        history = List.copyOf(history);
        Objects.requireNonNull(reconciledAt, "reconciledAt");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(sourceType, "sourceType");
    }

    /**
     * The conditions of one type.
     *
     * @param type the condition type
     * @return the conditions of {@code type}, in order; empty when there is none
     */
    public List<Condition> conditions(ConditionType type) {
        return conditions.stream().filter(c -> c.type() == type).toList();
    }

    /**
     * The same status with other conditions.
     *
     * @param newConditions the conditions
     * @return a copy of this status with {@code newConditions}
     */
    public ApplicationStatus withConditions(List<Condition> newConditions) {
        return new ApplicationStatus(sync, health, newConditions, operationState, resources, history, reconciledAt,
                summary, sourceType);
    }

    /**
     * The same status with another operation state.
     *
     * @param state the last or current operation's state; empty for none
     * @return a copy of this status with {@code state}
     */
    public ApplicationStatus withOperationState(Optional<OperationState> state) {
        return new ApplicationStatus(sync, health, conditions, state, resources, history, reconciledAt, summary,
                sourceType);
    }

    /**
     * The same status with another history.
     *
     * @param newHistory the history entries, oldest first
     * @return a copy of this status with {@code newHistory}
     */
    public ApplicationStatus withHistory(List<RevisionHistory> newHistory) {
        return new ApplicationStatus(sync, health, conditions, operationState, resources, newHistory, reconciledAt,
                summary, sourceType);
    }
}
