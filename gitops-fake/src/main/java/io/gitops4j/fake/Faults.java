package io.gitops4j.fake;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.internal.FakeApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The faults injected into a {@link FakeCluster}, for reliability tests: failures with a status
 * (409, 422, 429 with Retry-After, 500, 503, ...), latency, and dropped watches. They apply to
 * client requests, in process and over HTTP alike, never to what simulated controllers do.
 * Thread-safe.
 */
public final class Faults {

    private final FakeApi api;
    private final List<Active> active = new ArrayList<>();

    Faults(FakeApi api, RequestCounts counts) {
        this.api = api;
        api.hook((verb, type) -> {
            counts.record(verb, type);
            beforeRequest(verb, type);
        });
    }

    /**
     * Injects a fault; faults apply in the order they were injected.
     *
     * @param fault the fault
     * @return these faults, for chaining
     */
    public synchronized Faults inject(Fault fault) {
        active.add(new Active(fault, fault.times()));
        return this;
    }

    /** Removes every injected fault. */
    public synchronized void clear() {
        active.clear();
    }

    /**
     * The faults still to apply, with how many times each is left (or {@link Fault#ALWAYS}).
     *
     * @return the pending faults, in the order they apply
     */
    public synchronized List<Fault> pending() {
        return active.stream().map(a -> a.remaining == Fault.ALWAYS ? a.fault.always() : a.fault.times(a.remaining))
                .toList();
    }

    /**
     * Drops every open watch, as a lost connection does: in process, listeners get
     * {@link io.gitops4j.cluster.WatchListener#onClose} (code 0, unreachable); over HTTP the stream
     * ends. Clients are expected to watch again from the last resourceVersion they saw.
     */
    public void dropWatches() {
        api.endWatches(type -> true, new ClusterException(ClusterException.UNREACHABLE,
                "the watch was dropped (fault injected): watch again from the last resourceVersion seen"));
    }

    /**
     * Drops the open watches of one kind; see {@link #dropWatches()}.
     *
     * @param kind the kind whose watches end, for example {@code Pod}
     */
    public void dropWatches(String kind) {
        api.endWatches(type -> type.kind().equals(kind), new ClusterException(ClusterException.UNREACHABLE,
                "the watch was dropped (fault injected): watch again from the last resourceVersion seen"));
    }

    private void beforeRequest(String verbName, ResourceType type) {
        Verb verb = Verb.valueOf(verbName.toUpperCase(Locale.ROOT));
        Duration delay = Duration.ZERO;
        Fault failure = null;
        synchronized (this) {
            for (Iterator<Active> it = active.iterator(); it.hasNext() && failure == null; ) {
                Active candidate = it.next();
                if (!candidate.fault.matches(verb, type.group(), type.kind())) {
                    continue;
                }
                if (candidate.remaining != Fault.ALWAYS && --candidate.remaining == 0) {
                    it.remove();
                }
                delay = delay.plus(candidate.fault.latency());
                if (candidate.fault.status() > 0) {
                    failure = candidate.fault;
                }
            }
        }
        if (!delay.isZero()) {
            sleep(delay);
        }
        if (failure != null) {
            String message = failure.message().isEmpty()
                    ? "injected fault: " + verb.apiName() + " " + type + " fails with " + failure.status()
                    : failure.message();
            throw new ClusterException(failure.status(), ClusterException.reasonOf(failure.status()), message,
                    failure.retryAfterDelay());
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.UNREACHABLE, "interrupted during injected latency", e);
        }
    }

    private static final class Active {
        private final Fault fault;
        private int remaining;

        Active(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
