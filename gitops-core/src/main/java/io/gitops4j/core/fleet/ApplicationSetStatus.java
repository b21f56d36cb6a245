package io.gitops4j.core.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the embedded ApplicationSet reconciler knows of one set, after Argo CD's ApplicationSet
 * {@code .status}.
 *
 * @param name the set, {@code namespace/name}
 * @param applications the engine's applications the set owns now, sorted
 * @param conditions {@code ErrorOccurred}, {@code ParametersGenerated}, {@code ResourcesUpToDate}
 * @param lastChanges what the last reconciliation that generated did (none after an error)
 * @param skipped why each generated application that was left alone was (policy, another owner)
 * @param reconciledAt when it was last generated, successfully or not
 * @param applicationStatus with {@code strategy: RollingSync}: where each application stands in the
 *     progressive sync (Argo CD's {@code status.applicationStatus}); empty otherwise
 */
public record ApplicationSetStatus(String name, List<String> applications, List<ApplicationSetCondition> conditions,
        FleetChanges lastChanges, List<String> skipped, Optional<Instant> reconciledAt,
        List<ApplicationSetApplicationStatus> applicationStatus) {

    /**
     * Requires the name, changes and time, and copies the lists.
     *
     * @param name the set, {@code namespace/name}
     * @param applications the engine's applications the set owns now, sorted
     * @param conditions {@code ErrorOccurred}, {@code ParametersGenerated}, {@code ResourcesUpToDate}
     * @param lastChanges what the last reconciliation that generated did (none after an error)
     * @param skipped why each generated application that was left alone was (policy, another owner)
     * @param reconciledAt when it was last generated, successfully or not
     * @param applicationStatus with {@code strategy: RollingSync}: where each application stands in the
     *     progressive sync (Argo CD's {@code status.applicationStatus}); empty otherwise
     */
    public ApplicationSetStatus {
        Objects.requireNonNull(name, "name");
        applications = List.copyOf(applications);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(lastChanges, "lastChanges");
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(reconciledAt, "reconciledAt");
        applicationStatus = List.copyOf(applicationStatus);
    }

    /**
     * The same status with another progressive sync status.
     *
     * @param value the status of each application
     * @return a copy of this status with {@code value}
     */
    public ApplicationSetStatus withApplicationStatus(List<ApplicationSetApplicationStatus> value) {
        return new ApplicationSetStatus(name, applications, conditions, lastChanges, skipped, reconciledAt, value);
    }

    /**
     * The progressive sync status of one application, if the set has a RollingSync strategy.
     *
     * @param application the application's name
     * @return its progressive sync status; empty without a RollingSync strategy or when it is not listed
     */
    public Optional<ApplicationSetApplicationStatus> applicationStatus(String application) {
        return applicationStatus.stream().filter(a -> a.application().equals(application)).findFirst();
    }

    /**
     * The condition of a type, if set.
     *
     * @param type the condition type, such as {@code ErrorOccurred} or {@code ResourcesUpToDate}
     * @return the condition; empty when it is not set
     */
    public Optional<ApplicationSetCondition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** {@return the message of {@code ErrorOccurred} when it holds: why the last generation failed} */
    public Optional<String> error() {
        return condition(ApplicationSetCondition.ERROR_OCCURRED).filter(ApplicationSetCondition::status)
                .map(ApplicationSetCondition::message);
    }
}
