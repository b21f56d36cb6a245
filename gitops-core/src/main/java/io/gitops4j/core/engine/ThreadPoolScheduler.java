package io.gitops4j.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link ControllerScheduler#threads}: a scheduled pool of daemon threads named {@code gitops-controller-N}. */
final class ThreadPoolScheduler implements ControllerScheduler {

    private final ScheduledThreadPoolExecutor pool;
    private final Clock clock;

    ThreadPoolScheduler(int workers, Clock clock) {
        if (workers < 1) {
            throw new IllegalArgumentException("a scheduler needs at least one worker, not " + workers);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "gitops-controller-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = new ScheduledThreadPoolExecutor(workers, factory);
        this.pool.setRemoveOnCancelPolicy(true);
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        if (!pool.isShutdown()) {
            pool.execute(task);
        }
    }

    @Override
    public void schedule(Instant at, Runnable task) {
        if (!pool.isShutdown()) {
            long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
            pool.schedule(task, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
