package io.gitops4j.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A {@link ControllerScheduler} for tests: nothing runs until {@link #runUntilIdle()} is called,
 * and then everything runs on the calling thread, in the order it was submitted; timers fire when
 * the clock (a manual one the test moves) has reached them. So a test drives the controller step
 * by step without threads, sleeps or the wall clock:
 *
 * <pre>{@code
 * clock.advance(Duration.ofMinutes(4));   // past the refresh interval
 * scheduler.runUntilIdle();               // the round runs: ls-remote, compare, sync
 * }</pre>
 *
 * Thread-safe: work may be submitted from any thread (a watch event, a manual sync).
 */
public final class ManualScheduler implements ControllerScheduler {

    private record Timed(Instant at, long order, Runnable task) {
    }

    private final Clock clock;
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
    private long submitted;
    private boolean closed;

    /**
     * A scheduler whose timers follow {@code clock}.
     *
     * @param clock the clock whose instant decides which timers are due
     */
    public ManualScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (!closed) {
            ready.add(Objects.requireNonNull(task, "task"));
        }
    }

    @Override
    public synchronized void schedule(Instant at, Runnable task) {
        if (!closed) {
            timers.add(new Timed(Objects.requireNonNull(at, "at"), submitted++, Objects.requireNonNull(task, "task")));
        }
    }

    /**
     * Runs every task submitted and every timer due on the clock, and what they submit in turn,
     * until nothing is left to run now.
     *
     * @return how many tasks ran
     */
    public int runUntilIdle() {
        int ran = 0;
        for (Optional<Runnable> next = next(); next.isPresent(); next = next()) {
            next.get().run();
            ran++;
        }
        return ran;
    }

    private synchronized Optional<Runnable> next() {
        if (!ready.isEmpty()) {
            return Optional.of(ready.poll());
        }
        Timed first = timers.peek();
        if (first != null && !first.at.isAfter(clock.instant())) {
            return Optional.of(timers.poll().task);
        }
        return Optional.empty();
    }

    /** {@return when the next timer fires, if one is set} */
    public synchronized Optional<Instant> nextTimer() {
        return Optional.ofNullable(timers.peek()).map(Timed::at);
    }

    /** {@return how many tasks wait to run now (timers not counted)} */
    public synchronized int readyTasks() {
        return ready.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        ready.clear();
        timers.clear();
    }
}
