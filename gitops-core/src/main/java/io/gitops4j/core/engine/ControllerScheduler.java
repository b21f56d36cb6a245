package io.gitops4j.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the {@link ApplicationController} runs its work and its timers: comparisons, operations,
 * refresh rounds and self-heal backoffs. {@link #threads(int, Clock)} runs them on a pool of
 * threads against a clock; tests pass a {@link ManualScheduler}, which runs them on the test's
 * thread when told to, so no test sleeps or reads the wall clock.
 *
 * <p>The controller bounds how many comparisons and operations run at once itself; a scheduler
 * only has to run what it is given. Implementations are thread-safe.
 */
public interface ControllerScheduler extends AutoCloseable {

    /**
     * Runs the task soon, on a worker.
     *
     * @param task the work
     */
    void execute(Runnable task);

    /**
     * Runs the task once {@code at} has come on the scheduler's clock (at once if it has).
     *
     * @param at when to run it, on the scheduler's clock
     * @param task the work
     */
    void schedule(Instant at, Runnable task);

    /** Stops running tasks; tasks not started yet are dropped. Idempotent. */
    @Override
    void close();

    /**
     * Stops taking tasks (those not started yet are dropped), lets the running ones end within
     * {@code gracePeriod}, then interrupts what still runs. Called from one of the scheduler's
     * own tasks, it does not wait for that task. The default, for schedulers that run tasks on
     * the caller's thread (as {@link ManualScheduler}), is {@link #close()}.
     *
     * @param gracePeriod how long running tasks may take to end
     */
    default void close(Duration gracePeriod) {
        close();
    }

    /**
     * A pool of {@code workers} daemon threads, timers on {@code clock}.
     *
     * @param workers how many tasks may run at once: at least the controller's comparison and
     *     operation limits together
     * @param clock the clock the timers follow
     * @return a scheduler to close when the controller closes
     */
    static ControllerScheduler threads(int workers, Clock clock) {
        return new ThreadPoolScheduler(workers, clock);
    }
}
