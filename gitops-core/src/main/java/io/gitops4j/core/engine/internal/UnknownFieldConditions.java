package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's {@code UnknownFieldWarning} conditions, one per field of its manifest that Argo
 * CD's Application does not have ({@link Application#warnings()}): every status the controller
 * publishes carries those of the application as it is registered now, so a fixed typo clears its
 * condition with the next status, and a condition that stays keeps the time it appeared.
 */
final class UnknownFieldConditions {

    private UnknownFieldConditions() {
    }

    /**
     * {@return {@code status} with the {@code UnknownFieldWarning} conditions of {@code app}
     * instead of any it had; one already in {@code status} or {@code published} keeps its time}
     *
     * @param published the status published before, whose conditions' times are kept
     */
    static ApplicationStatus of(Application app, ApplicationStatus status, ApplicationStatus published, Instant now) {
        List<Condition> conditions = new ArrayList<>(status.conditions().stream()
                .filter(c -> c.type() != ConditionType.UNKNOWN_FIELD_WARNING).toList());
        for (ApplicationWarning warning : app.warnings()) {
            conditions.add(new Condition(ConditionType.UNKNOWN_FIELD_WARNING, warning.message(), now));
        }
        List<Condition> before = new ArrayList<>(status.conditions());
        before.addAll(published.conditions());
        List<Condition> kept = StatusFactory.keepTransitionTimes(conditions, before);
        return kept.equals(status.conditions()) ? status : status.withConditions(kept);
    }
}
