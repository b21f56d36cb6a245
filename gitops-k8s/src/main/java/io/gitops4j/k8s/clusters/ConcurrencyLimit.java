package io.gitops4j.k8s.clusters;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many requests (or syncs) may run against one cluster at once. Each registered cluster has
 * its own, so work queued for a slow or unreachable cluster waits for that cluster's permits only
 * and never takes another cluster's.
 *
 * <pre>{@code
 * try (ConcurrencyLimit.Permit permit = registered.limit().acquire()) {
 *     sync(registered.cluster());
 * }
 * }</pre>
 */
public final class ConcurrencyLimit {

    private final int permits;
    private final Semaphore semaphore;

    /**
     * @param permits how many holders at once, at least 1
     */
    public ConcurrencyLimit(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("a concurrency limit needs at least one permit, not " + permits);
        }
        this.permits = permits;
        this.semaphore = new Semaphore(permits, true);
    }

    /**
     * Waits for a permit, first come first served; close it to give it back.
     *
     * @return the permit
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public Permit acquire() throws InterruptedException {
        semaphore.acquire();
        return new Permit(semaphore);
    }

    /**
     * A permit if one is free now.
     *
     * @return the permit, or empty when none is free
     */
    public Optional<Permit> tryAcquire() {
        return semaphore.tryAcquire() ? Optional.of(new Permit(semaphore)) : Optional.empty();
    }

    /**
     * A permit if one frees up within {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the permit, or empty when none freed up in time
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public Optional<Permit> tryAcquire(Duration timeout) throws InterruptedException {
        return semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(new Permit(semaphore)) : Optional.empty();
    }

    /**
     * The number of permits in all.
     *
     * @return the permits
     */
    public int permits() {
        return permits;
    }

    /**
     * The number of permits free now.
     *
     * @return the free permits
     */
    public int available() {
        return semaphore.availablePermits();
    }

    @Override
    public String toString() {
        return "ConcurrencyLimit[" + available() + "/" + permits + " free]";
    }

    /** One holder's permit; closing it more than once gives it back once. */
    public static final class Permit implements AutoCloseable {

        private final Semaphore semaphore;
        private boolean released;

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                semaphore.release();
            }
        }
    }
}
