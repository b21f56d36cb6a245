package io.gitops4j.fake;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A fault to inject into a {@link FakeCluster}: fail matching requests with an HTTP status, or
 * delay them. Immutable; build one with {@link #failing(int)} or {@link #latency(Duration)} and
 * narrow it down, then {@linkplain Faults#inject(Fault) inject} it.
 *
 * <pre>{@code
 * cluster.faults().inject(Fault.failing(429).times(2).on(Verb.PATCH).forKind("apps", "Deployment")
 *         .retryAfter(Duration.ofSeconds(1)));
 * cluster.faults().inject(Fault.failing(503).on(Verb.LIST));                 // the next list fails
 * cluster.faults().inject(Fault.latency(Duration.ofMillis(200)).always());   // every request is slow
 * }</pre>
 *
 * <p>By default a failing fault fails the next matching request only, and a latency fault delays
 * every matching request; a fault matches every verb and every kind until narrowed down.
 */
public final class Fault {

    /** Unlimited {@link #times()}. */
    public static final int ALWAYS = -1;

    private final int status;
    private final Duration latency;
    private final int times;
    private final Set<Verb> verbs;
    private final Optional<String> group;
    private final Optional<String> kind;
    private final Optional<Duration> retryAfter;
    private final String message;

    private Fault(int status, Duration latency, int times, Set<Verb> verbs, Optional<String> group,
            Optional<String> kind, Optional<Duration> retryAfter, String message) {
        this.status = status;
        this.latency = latency;
        this.times = times;
        this.verbs = Set.copyOf(verbs);
        this.group = group;
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.message = message;
    }

    /**
     * Fails the next matching request with an HTTP status such as 409, 422, 429, 500 or 503.
     * A 429 tells the client to retry after one second unless {@link #retryAfter} says otherwise.
     *
     *
     * @param status the HTTP status a matching request fails with
     * @return the fault, for the next matching request of any verb and kind
     * @throws IllegalArgumentException when the status is not a 4xx or 5xx error
     */
    public static Fault failing(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failing fault needs an HTTP error status (4xx or 5xx), not " + status);
        }
        return new Fault(status, Duration.ZERO, 1, Set.of(), Optional.empty(), Optional.empty(),
                status == 429 ? Optional.of(Duration.ofSeconds(1)) : Optional.empty(), "");
    }

    /**
     * Delays every matching request by {@code delay} before it runs.
     *
     * @param delay how long to wait, not negative
     * @return the fault, for every request of any verb and kind
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    public static Fault latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        return new Fault(0, delay, ALWAYS, Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    /**
     * The same fault for the next {@code count} matching requests only.
     *
     * @param count how many matching requests, at least 1
     * @return the narrowed fault
     * @throws IllegalArgumentException when {@code count} is less than 1
     */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a fault applies at least once, not " + count + " times");
        }
        return new Fault(status, latency, count, verbs, group, kind, retryAfter, message);
    }

    /**
     * The same fault for every matching request, until {@link Faults#clear()}.
     *
     * @return the fault with {@link #ALWAYS} times
     */
    public Fault always() {
        return new Fault(status, latency, ALWAYS, verbs, group, kind, retryAfter, message);
    }

    /**
     * The same fault, for requests with one of these verbs only.
     *
     * @param first a verb the fault applies to
     * @param more further verbs
     * @return the narrowed fault
     */
    public Fault on(Verb first, Verb... more) {
        return new Fault(status, latency, times, EnumSet.of(first, more), group, kind, retryAfter, message);
    }

    /**
     * The same fault, for requests about this kind (in any API group) only.
     *
     * @param kindName the kind, for example {@code Deployment}
     * @return the narrowed fault
     */
    public Fault forKind(String kindName) {
        return new Fault(status, latency, times, verbs, Optional.empty(), Optional.of(kindName), retryAfter, message);
    }

    /**
     * The same fault, for requests about this API group ("" for core) and kind only.
     *
     * @param groupName the API group, {@code ""} for the core group
     * @param kindName the kind, for example {@code Deployment}
     * @return the narrowed fault
     */
    public Fault forKind(String groupName, String kindName) {
        return new Fault(status, latency, times, verbs, Optional.of(groupName), Optional.of(kindName), retryAfter, message);
    }

    /**
     * The same fault, telling the client to retry after {@code delay} (the Retry-After header).
     *
     * @param delay the delay the client is told to wait
     * @return the fault with that delay
     */
    public Fault retryAfter(Duration delay) {
        return new Fault(status, latency, times, verbs, group, kind, Optional.of(delay), message);
    }

    /**
     * The same fault, failing with this message instead of the default one.
     *
     * @param text the message of the Kubernetes {@code Status} the request fails with
     * @return the fault with that message
     */
    public Fault withMessage(String text) {
        return new Fault(status, latency, times, verbs, group, kind, retryAfter, text);
    }

    /**
     * The status a matching request fails with; 0 for a latency fault.
     *
     * @return the HTTP status
     */
    public int status() {
        return status;
    }

    /**
     * How long a matching request is delayed.
     *
     * @return the delay, {@link Duration#ZERO} for a failing fault
     */
    public Duration latency() {
        return latency;
    }

    /**
     * How many matching requests this fault applies to, or {@link #ALWAYS}.
     *
     * @return the count, or {@link #ALWAYS}
     */
    public int times() {
        return times;
    }

    /**
     * The Retry-After the failure carries.
     *
     * @return the delay, empty when the failure names none (a 429 names one second by default)
     */
    public Optional<Duration> retryAfterDelay() {
        return retryAfter;
    }

    /**
     * The failure message; empty for the default one.
     *
     * @return the message
     */
    public String message() {
        return message;
    }

    /**
     * Whether this fault applies to a request.
     *
     * @param verb the request's verb
     * @param requestGroup the API group of the requested kind, {@code ""} for the core group
     * @param requestKind the requested kind
     * @return whether the verb, group and kind match this fault's
     */
    public boolean matches(Verb verb, String requestGroup, String requestKind) {
        return (verbs.isEmpty() || verbs.contains(verb))
                && group.map(requestGroup::equals).orElse(true)
                && kind.map(requestKind::equals).orElse(true);
    }

    @Override
    public String toString() {
        String what = status > 0 ? "fail with " + status : "delay by " + latency;
        return what + (times == ALWAYS ? " every time" : " " + times + " time(s)")
                + (verbs.isEmpty() ? "" : " on " + verbs)
                + kind.map(k -> " for " + group.map(g -> g + "/").orElse("") + k).orElse("");
    }
}
