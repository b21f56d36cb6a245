package io.gitops4j.core.notifications;

import java.time.Duration;

/**
 * How a failed delivery is retried: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff} after the first failure and twice as long after each next one, at most
 * {@code maxBackoff}.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /**
     * Checks the policy.
     *
     * @param maxAttempts attempts in all, at least 1
     * @param initialBackoff the wait after the first failure
     * @param maxBackoff the longest wait
     * @throws IllegalArgumentException when {@code maxAttempts} is below 1, {@code initialBackoff} is
     *     negative or {@code maxBackoff} is below it
     */
    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry policy needs maxAttempts >= 1 and 0 <= initialBackoff <= maxBackoff");
        }
    }

    /** {@return the default policy: five attempts, waiting 1 s, 2 s, 4 s, 8 s (at most 1 min)} */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /**
     * The wait after the given failed attempt (1 for the first).
     *
     * @param attempt the number of the attempt that failed, 1 for the first
     * @return {@code initialBackoff} doubled for each attempt after the first, at most {@code maxBackoff}
     */
    public Duration backoffAfter(int attempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
