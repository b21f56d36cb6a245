package io.gitops4j.core.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One condition of an ApplicationSet's status, with Argo CD's types and reasons:
 * {@code ErrorOccurred} (reason {@code ApplicationGenerationFromParamsError} when generation
 * failed, {@code ApplicationSetUpToDate} otherwise), {@code ParametersGenerated} and
 * {@code ResourcesUpToDate}.
 *
 * @param type the condition type
 * @param status whether it holds
 * @param reason one word for why
 * @param message the full story: for an error, the generator, the parameter set and the field
 * @param lastTransitionTime when it was set, on the fleet's clock
 */
public record ApplicationSetCondition(String type, boolean status, String reason, String message,
        Instant lastTransitionTime) {

    /** Generation or applying the result failed. */
    public static final String ERROR_OCCURRED = "ErrorOccurred";
    /** Every generator gave its parameter sets. */
    public static final String PARAMETERS_GENERATED = "ParametersGenerated";
    /** The set's Applications are what it generates, as far as its policy allows. */
    public static final String RESOURCES_UP_TO_DATE = "ResourcesUpToDate";

    /**
     * Requires the type and transition time; a missing reason or message becomes empty.
     *
     * @param type the condition type
     * @param status whether it holds
     * @param reason one word for why
     * @param message the full story: for an error, the generator, the parameter set and the field
     * @param lastTransitionTime when it was set, on the fleet's clock
     */
    public ApplicationSetCondition {
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    @Override
    public String toString() {
        return type + "=" + status + " (" + reason + "): " + message;
    }
}
