package io.gitops4j.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ControllerScheduler#threads}: a scheduled pool of daemon threads named {@code gitops-controller-N};
 * {@link #close(Duration)} drops what has not started, waits for what runs, then interrupts it.
 */
final class ThreadPoolScheduler implements ControllerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadPoolScheduler.class);

    private final ScheduledThreadPoolExecutor pool;
    private final Clock clock;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    ThreadPoolScheduler(int workers, Clock clock) {
        if (workers < 1) {
            throw new IllegalArgumentException("a scheduler needs at least one worker, not " + workers);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "gitops-controller-" + count.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
        this.pool = new ScheduledThreadPoolExecutor(workers, factory);
        this.pool.setRemoveOnCancelPolicy(true);
        this.pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);   // timers die with the pool
        this.pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        if (!pool.isShutdown()) {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("a task submitted while the scheduler closed is dropped");
            }
        }
    }

    @Override
    public void schedule(Instant at, Runnable task) {
        if (!pool.isShutdown()) {
            long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
            try {
                pool.schedule(task, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("a timer set while the scheduler closed is dropped");
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    @Override
    public void close(Duration gracePeriod) {
        pool.shutdown();
        pool.getQueue().clear();   // tasks not started yet are dropped
        if (!threads.contains(Thread.currentThread())) {
            try {
                if (pool.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                LOG.warn("tasks still running {} after the controller started stopping are interrupted", gracePeriod);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.shutdownNow();
    }
}
