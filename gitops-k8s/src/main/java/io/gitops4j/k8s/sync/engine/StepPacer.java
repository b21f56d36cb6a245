package io.gitops4j.k8s.sync.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How {@link SyncOperation#run(StepPacer)} waits between steps. The default sleeps until the
 * next step is due; tests pass one that moves a manual clock and ticks simulated controllers
 * instead, so nothing sleeps.
 */
@FunctionalInterface
public interface StepPacer {

    /**
     * Returns once {@code next} has come (or earlier: a step taken too soon just waits again).
     *
     *
     * @param next the instant to wait for
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void waitUntil(Instant next) throws InterruptedException;

    /**
     * Sleeps until {@code next} on {@code clock}.
     *
     * @param clock the clock to sleep on
     * @return the pacer
     */
    static StepPacer sleeping(Clock clock) {
        return next -> {
            Duration wait = Duration.between(clock.instant(), next);
            if (!wait.isNegative() && !wait.isZero()) {
                Thread.sleep(Math.max(1, wait.toMillis()));
            }
        };
    }
}
