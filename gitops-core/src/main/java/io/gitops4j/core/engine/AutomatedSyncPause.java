package io.gitops4j.core.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Automated sync held back for one application, as during an incident (scale by hand, keep Git
 * from undoing it): no automated sync or self-heal runs until it is resumed or expires; manual
 * syncs still run. Shown in the application's status as an {@code AutomatedSyncPaused} condition.
 *
 * @param reason why, as the person who paused it wrote it
 * @param since when it was paused, on the controller's clock
 * @param until when it ends by itself, on the controller's clock; empty: when resumed
 */
public record AutomatedSyncPause(String reason, Instant since, Optional<Instant> until) {

    /**
     * Requires every field.
     *
     * @param reason why, as the person who paused it wrote it
     * @param since when it was paused, on the controller's clock
     * @param until when it ends by itself, on the controller's clock; empty: when resumed
     * @throws IllegalArgumentException when the reason spans more than one line
     */
    public AutomatedSyncPause {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (reason.contains("\n")) {
            throw new IllegalArgumentException("the reason of a pause is one line");
        }
    }

    /**
     * Whether it still holds at {@code now}.
     *
     * @param now the instant to judge, on the controller's clock
     * @return {@code true} when the pause holds at {@code now}
     */
    public boolean holdsAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }
}
