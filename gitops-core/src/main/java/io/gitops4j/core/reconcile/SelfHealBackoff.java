package io.gitops4j.core.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * How long self-heal waits before syncing the same revision again, Argo CD's controller flags
 * {@code --self-heal-backoff-timeout-seconds} (2), {@code --self-heal-backoff-factor} (3) and
 * {@code --self-heal-backoff-cap-seconds} (300): the first self-heal after a sync runs at once,
 * the n-th waits {@code duration * factor^(n-2)} after the previous one ended, at most
 * {@code cap}. The count starts again with a new revision or a manual sync.
 *
 * @param duration the first wait
 * @param factor how much each wait grows (at least 1)
 * @param cap the longest wait
 */
public record SelfHealBackoff(Duration duration, int factor, Duration cap) {

    /** Argo CD's defaults: 2 s, times 3, at most 5 minutes. */
    public static final SelfHealBackoff DEFAULT = new SelfHealBackoff(Duration.ofSeconds(2), 3, Duration.ofMinutes(5));

    /** No wait between self-heals (Argo CD with its backoff switched off and no timeout). */
    public static final SelfHealBackoff NONE = new SelfHealBackoff(Duration.ZERO, 1, Duration.ZERO);

    /**
     * Requires both durations.
     *
     * @param duration the first wait
     * @param factor how much each wait grows (at least 1)
     * @param cap the longest wait
     * @throws IllegalArgumentException when a duration is negative or the factor is below 1
     */
    public SelfHealBackoff {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(cap, "cap");
        if (duration.isNegative() || cap.isNegative() || factor < 1) {
            throw new IllegalArgumentException("a self-heal backoff needs durations of 0 or more and a factor of at "
                    + "least 1, not " + duration + ", " + factor + ", " + cap);
        }
    }

    /**
     * How long after the last sync ended the next self-heal may run, when {@code attempts}
     * self-heals of the revision ran already: 0 for the first.
     *
     * @param attempts how many self-heal syncs of the revision ran already
     * @return {@code duration} times {@code factor} to the power of {@code attempts - 1}, at most {@code
     *     cap}; zero for the first
     */
    public Duration delay(int attempts) {
        if (attempts <= 0 || duration.isZero()) {
            return Duration.ZERO;
        }
        Duration delay = duration;
        for (int i = 1; i < attempts && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(factor);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
