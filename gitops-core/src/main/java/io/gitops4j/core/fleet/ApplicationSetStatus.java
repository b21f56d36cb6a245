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
 */
public record ApplicationSetStatus(String name, List<String> applications, List<ApplicationSetCondition> conditions,
        FleetChanges lastChanges, List<String> skipped, Optional<Instant> reconciledAt) {

    public ApplicationSetStatus {
        Objects.requireNonNull(name, "name");
        applications = List.copyOf(applications);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(lastChanges, "lastChanges");
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(reconciledAt, "reconciledAt");
    }

    /** The condition of a type, if set. */
    public Optional<ApplicationSetCondition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /** The message of {@code ErrorOccurred} when it holds: why the last generation failed. */
    public Optional<String> error() {
        return condition(ApplicationSetCondition.ERROR_OCCURRED).filter(ApplicationSetCondition::status)
                .map(ApplicationSetCondition::message);
    }
}
