package io.gitops4j.benchmarks.crd;

import io.gitops4j.core.engine.ControllerScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The controller's thread pool, with timers due later than {@link #HELD_AFTER} held until the
 * benchmark fires them (the refresh rounds), and a count of the tasks queued or running, so the
 * benchmark can tell when a round's work is done.
 */
final class RoundScheduler implements ControllerScheduler {

    /** Timers due later than this are held. */
    static final Duration HELD_AFTER = Duration.ofMinutes(1);

    private final ControllerScheduler pool;
    private final Clock clock;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong tasksRun = new AtomicLong();
    private final AtomicLong lastFinished = new AtomicLong(System.nanoTime());
    private final List<Runnable> held = new ArrayList<>();

    RoundScheduler(int workers, Clock clock) {
        this.pool = ControllerScheduler.threads(workers, clock);
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        busy.incrementAndGet();
        pool.execute(counted(task));
    }

    @Override
    public void schedule(Instant at, Runnable task) {
        if (at.isAfter(clock.instant().plus(HELD_AFTER))) {
            synchronized (held) {
                held.add(task);
            }
            return;
        }
        pool.schedule(at, () -> execute(task));
    }

    /** Runs every held timer now. */
    void fireHeldTimers() {
        List<Runnable> due;
        synchronized (held) {
            due = List.copyOf(held);
            held.clear();
        }
        due.forEach(this::execute);
    }

    /** {@return how many tasks have run} */
    long tasksRun() {
        return tasksRun.get();
    }

    /** {@return when the last task finished, in {@link System#nanoTime()}} */
    long lastFinished() {
        return lastFinished.get();
    }

    /** Waits until no task has been queued or running for 200 ms. */
    void awaitIdle() throws InterruptedException {
        int quiet = 0;
        while (quiet < 4) {
            Thread.sleep(50);
            quiet = busy.get() == 0 ? quiet + 1 : 0;
        }
    }

    private Runnable counted(Runnable task) {
        return () -> {
            try {
                task.run();
            } finally {
                tasksRun.incrementAndGet();
                lastFinished.set(System.nanoTime());
                busy.decrementAndGet();
            }
        };
    }

    @Override
    public void close() {
        pool.close();
    }
}
