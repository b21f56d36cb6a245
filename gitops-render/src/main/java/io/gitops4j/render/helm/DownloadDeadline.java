package io.gitops4j.render.helm;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How long one chart download may take in all, from the request to the last byte of the body:
 * the bound on a server that answers at once and then trickles its body (a byte a second keeps
 * every per-request timeout happy and would hold a render for days). Measured on {@code clock},
 * which tests replace.
 *
 * @param total the longest a download may take; positive
 * @param clock the clock the deadline is measured on
 */
public record DownloadDeadline(Duration total, Clock clock) {

    /** The default total time of one download: 2 minutes. */
    public static final Duration DEFAULT_TOTAL = Duration.ofMinutes(2);

    /** {@link #DEFAULT_TOTAL} on the system clock. */
    public static final DownloadDeadline DEFAULT = new DownloadDeadline(DEFAULT_TOTAL, Clock.systemUTC());

    /**
     * Checks the deadline.
     *
     * @param total the longest a download may take; positive
     * @param clock the clock the deadline is measured on
     * @throws IllegalArgumentException when {@code total} is zero or negative
     */
    public DownloadDeadline {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(clock, "clock");
        if (total.isZero() || total.isNegative()) {
            throw new IllegalArgumentException("a download deadline must be positive, not " + total);
        }
    }

    /**
     * A deadline measured on the system clock.
     *
     * @param total the longest a download may take; positive
     * @return the deadline
     */
    public static DownloadDeadline of(Duration total) {
        return new DownloadDeadline(total, Clock.systemUTC());
    }
}
