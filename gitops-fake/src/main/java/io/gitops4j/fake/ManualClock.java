package io.gitops4j.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until told to move: inject it into a {@link FakeCluster} to control
 * creation and deletion timestamps, and the progress deadlines of simulated controllers, without
 * sleeping. Thread-safe.
 */
public final class ManualClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    /**
     * A clock at {@code start}, in UTC.
     *
     * @param start the instant the clock shows until it is moved
     */
    public ManualClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private ManualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far, not negative
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, not by " + duration);
        }
        now = now.plus(duration);
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the new time; may be earlier than the current one
     */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in another zone; it moves with this one only if you keep using this one. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return otherZone.equals(zone) ? this : Clock.fixed(now, otherZone);
    }
}
