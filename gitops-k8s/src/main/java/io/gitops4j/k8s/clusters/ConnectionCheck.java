package io.gitops4j.k8s.clusters;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.kube.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Checks that a cluster answers: its version (never cached, when the client can ask for it)
 * and its API discovery, within a bounded time, on a thread of the registry so a cluster that never answers
 * holds up nobody. The outcome is a {@link ConnectionState}, never an exception.
 */
final class ConnectionCheck {

    /** The outcome and the version the cluster reported. */
    record Outcome(ConnectionState state, String serverVersion) {
    }

    private final ExecutorService executor;
    private final Duration timeout;
    private final Clock clock;

    ConnectionCheck(ExecutorService executor, Duration timeout, Clock clock) {
        this.executor = executor;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @param version asks the cluster for its version; returns empty when the client cannot
     * @param secrets credentials to remove from the message should an error quote them
     */
    Outcome check(Cluster cluster, Supplier<String> version, List<String> secrets) {
        Instant at = clock.instant();
        Future<String> probe = executor.submit(() -> {
            // The version first: discovery may answer from a cache.
            String reported = version.get();
            cluster.resourceTypes();
            return reported;
        });
        try {
            return new Outcome(ConnectionState.successful(at), probe.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            probe.cancel(true);
            return failed("no answer to the version and API discovery requests within " + timeout.toMillis()
                    + " ms; check that the cluster is running and reachable from here", at);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return failed(Redaction.text(message, secrets), at);
        } catch (CancellationException e) {
            return failed("the check was cancelled", at);
        } catch (InterruptedException e) {
            probe.cancel(true);
            Thread.currentThread().interrupt();
            return failed("the check was interrupted", at);
        }
    }

    private static Outcome failed(String message, Instant at) {
        return new Outcome(ConnectionState.failed(message.lines().findFirst().orElse(message), at), "");
    }
}
