package io.gitops4j.cli;

import io.gitops4j.k8s.sync.engine.StepPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A command's {@code --timeout} as a hard bound on the whole command. When it is reached, a
 * watchdog interrupts the command's thread, which ends whatever it waits for: an answer of the
 * API server (one that accepts connections and never answers included), a retry's backoff, the
 * pause between sync steps. The sync itself is given a deadline a moment earlier
 * ({@link #syncTimeout()}, {@link #pacer(StepPacer)}), so that a sync that only waits for health
 * ends on its own terms, with its table, before the watchdog has to step in.
 *
 * <p>Open it on the command's thread and close it there: closing disarms the watchdog and clears
 * an interrupt it left.
 */
final class CommandDeadline implements AutoCloseable {

    /** How much earlier than the command the sync must end: a tenth of the timeout, at most a second. */
    private static final Duration MOST_MARGIN = Duration.ofSeconds(1);

    private final Clock clock;
    private final Optional<Duration> timeout;
    private final Instant syncDeadline;
    private final Thread command;
    private final ScheduledExecutorService watchdog;
    private boolean expired;
    private boolean closed;

    private CommandDeadline(Clock clock, Optional<Duration> timeout) {
        this.clock = clock;
        this.timeout = timeout;
        this.command = Thread.currentThread();
        Instant start = clock.instant();
        if (timeout.isEmpty()) {
            this.syncDeadline = Instant.MAX;
            this.watchdog = null;
            return;
        }
        Duration tenth = timeout.get().dividedBy(10);
        this.syncDeadline = start.plus(timeout.get()).minus(tenth.compareTo(MOST_MARGIN) < 0 ? tenth : MOST_MARGIN);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gitops-timeout");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.schedule(this::expire, timeout.get().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts counting now, on the calling thread; without a timeout, nothing is bounded. */
    static CommandDeadline start(Optional<Duration> timeout, Clock clock) {
        return new CommandDeadline(clock, timeout);
    }

    /** What the sync may still take, from now: up to a moment before the command's deadline. */
    Optional<Duration> syncTimeout() {
        if (timeout.isEmpty()) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), syncDeadline);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /** {@code pacer}, waking at the sync's deadline when the next step would come after it. */
    StepPacer pacer(StepPacer pacer) {
        return next -> pacer.waitUntil(next.isAfter(syncDeadline) && clock.instant().isBefore(syncDeadline)
                ? syncDeadline : next);
    }

    /** Whether the command ran out of time (the watchdog interrupted it). */
    synchronized boolean expired() {
        return expired;
    }

    /** "the --timeout of 20s", for messages. */
    String describe() {
        return "the --timeout of " + timeout.map(CommandDeadline::shortDuration).orElse("none");
    }

    private synchronized void expire() {
        if (!closed) {
            expired = true;
            command.interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (expired() && Thread.currentThread() == command) {
            Thread.interrupted(); // the interrupt was for the command's waits, which are over
        }
    }

    /** A duration in its largest whole unit, as Go writes short ones: {@code 300ms}, {@code 90s}, {@code 10m}. */
    static String shortDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 != 0 ? millis + "ms" : millis % 60_000 != 0 || millis == 0 ? millis / 1000 + "s"
                : millis / 60_000 + "m";
    }
}
