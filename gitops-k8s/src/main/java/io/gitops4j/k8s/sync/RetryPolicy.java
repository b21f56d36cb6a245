package io.gitops4j.k8s.sync;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a sync retries tasks that failed for a transient reason, Argo CD's
 * {@code spec.syncPolicy.retry}: at most {@code limit} retries (unlimited when negative), the
 * n-th (from 0) after {@code duration * factor^n}, never longer than {@code maxDuration}, and
 * never sooner than a 429's {@code Retry-After}.
 *
 * <p>Transient failures are conflicts on a stale object (409, not a server-side apply field
 * conflict), throttling (429), server errors (5xx) and a lost connection. Invalid objects (422),
 * refusals (400, 403, 404) and failed health checks are never retried: retrying cannot help.
 *
 * @param limit how many retries; 0 for none, negative for unlimited
 * @param duration the first wait ({@code backoff.duration}, Argo CD's default 5s)
 * @param factor how much each wait grows ({@code backoff.factor}, default 2)
 * @param maxDuration the longest wait ({@code backoff.maxDuration}, default 3m)
 */
public record RetryPolicy(int limit, Duration duration, int factor, Duration maxDuration) {

    /** Argo CD's {@code backoff.duration} default. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
    /** Argo CD's {@code backoff.factor} default. */
    public static final int DEFAULT_FACTOR = 2;
    /** Argo CD's {@code backoff.maxDuration} default. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(3);

    /** No retries, Argo CD's behaviour when an application has no {@code retry}. */
    public static final RetryPolicy NONE = new RetryPolicy(0, DEFAULT_DURATION, DEFAULT_FACTOR, DEFAULT_MAX_DURATION);

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    /**
     * Checks the durations and the factor.
     *
     * @param limit how many retries; 0 for none, negative for unlimited
     * @param duration the first wait ({@code backoff.duration}, Argo CD's default 5s)
     * @param factor how much each wait grows ({@code backoff.factor}, default 2)
     * @param maxDuration the longest wait ({@code backoff.maxDuration}, default 3m)
     * @throws IllegalArgumentException when a duration is missing or negative, or the factor is less than 1
     */
    public RetryPolicy {
        if (duration == null || maxDuration == null || duration.isNegative() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("retry durations must be given and not negative");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("retry backoff factor must be at least 1, not " + factor);
        }
    }

    /**
     * {@code limit} retries with Argo CD's default backoff.
     *
     * @param limit the number of retries, negative for no limit
     * @return the policy: 5 s, doubling each time, at most 3 min
     */
    public static RetryPolicy limit(int limit) {
        return new RetryPolicy(limit, DEFAULT_DURATION, DEFAULT_FACTOR, DEFAULT_MAX_DURATION);
    }

    /**
     * Whether a retry is left after {@code retriesSoFar}.
     *
     * @param retriesSoFar the retries already made
     * @return whether another is allowed
     */
    public boolean allowsRetry(int retriesSoFar) {
        return limit < 0 || retriesSoFar < limit;
    }

    /**
     * How long to wait before retry number {@code retry} (0 for the first).
     *
     * @param retry the retry's number, from 0
     * @return {@code duration} times {@code factor} to the power of {@code retry}, at most
     *     {@code maxDuration} (unless it is zero)
     */
    public Duration backoff(int retry) {
        double nanos = duration.toNanos() * Math.pow(factor, retry);
        Duration wait = nanos >= Long.MAX_VALUE ? maxDuration : Duration.ofNanos((long) nanos);
        return maxDuration.isZero() || wait.compareTo(maxDuration) < 0 ? wait : maxDuration;
    }

    /**
     * Reads a duration as Argo CD does: a whole number of seconds ({@code "30"}) or a Go duration
     * ({@code "5s"}, {@code "3m0s"}, {@code "1h30m"}, {@code "1.5h"}).
     *
     *
     * @param text the duration
     * @return the duration
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Duration parseDuration(String text) {
        String value = text.trim();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher m = GO_DURATION_PART.matcher(value);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos += (long) (Double.parseDouble(m.group(1)) * unitNanos(m.group(2)));
            end = m.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write seconds (30) or a Go duration "
                    + "such as 5s, 3m, 1h30m");
        }
        return Duration.ofNanos(nanos);
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
