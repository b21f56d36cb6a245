package io.gitops4j.k8s.fabric8;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failure to get an answer from the API server (a refused or timed-out connection, no
 * answer within the request timeout, an unknown host, a failed TLS handshake, a dropped
 * connection) into a {@link ClusterException} with code {@link ClusterException#UNREACHABLE} and
 * one line that names the server's address (without credentials), the cause, what was being done
 * and what to check, for example {@code cannot reach the Kubernetes API server at
 * https://127.0.0.1:6443: connection refused (to discover the API); check that the cluster is
 * running and that the kubeconfig names its address}.
 */
final class TransportFailures {

    private final String address;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    /**
     * @param masterUrl the API server's URL as the client has it
     * @param connectTimeout the client's connect timeout, zero for none
     * @param requestTimeout the client's request timeout, zero for none
     */
    TransportFailures(String masterUrl, Duration connectTimeout, Duration requestTimeout) {
        String url = Redaction.url(masterUrl);
        this.address = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The API server's address as messages show it. */
    String address() {
        return address;
    }

    /** No answer came within {@code waited}. */
    ClusterException noAnswer(String what, Duration waited, Throwable cause) {
        return unreachable("no answer within " + describe(waited), what,
                "check that the server is healthy and reachable, or raise the request timeout", cause);
    }

    /** The calling thread was interrupted while it waited for the answer. */
    ClusterException interrupted(String what, InterruptedException cause) {
        return unreachable("the wait for its answer was interrupted", what, "", cause);
    }

    /** Whatever the HTTP client failed with, as one line. */
    ClusterException of(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        Cause why = classify(cause);
        return unreachable(why.reason(), what, why.advice(), cause);
    }

    /**
     * A watch that was open has ended: the server closed its stream ({@code failure} empty), or
     * the connection failed.
     */
    ClusterException watchEnded(String watched, Optional<Throwable> failure) {
        String reason = failure.map(f -> ": " + classify(unwrap(f)).reason()).orElse("");
        return new ClusterException(ClusterException.UNREACHABLE, "the Kubernetes API server at " + address
                + " ended the watch of " + watched + reason + "; watch again from the last resourceVersion seen",
                failure.map(TransportFailures::unwrap).orElse(null));
    }

    /** Why no answer came, and what to check. */
    private Cause classify(Throwable cause) {
        if (isTimeout(cause)) {
            return new Cause("no answer within " + describe(requestTimeout),
                    "check that the server is healthy and reachable, or raise the request timeout");
        }
        if (cause instanceof ConnectException && mentions(cause, "timed out")) {
            return new Cause("no connection within " + describe(connectTimeout),
                    "check the address, the network and any proxy between, or raise the connect timeout");
        }
        if (cause instanceof ConnectException && mentions(cause, "refused")) {
            return new Cause("connection refused",
                    "check that the cluster is running and that the kubeconfig names its address");
        }
        if (cause instanceof UnknownHostException) {
            return new Cause("unknown host " + withoutAddress(cause.getMessage()),
                    "check the server name in the kubeconfig and the DNS");
        }
        if (cause instanceof NoRouteToHostException || mentions(cause, "no route to host")) {
            return new Cause("no route to host", "check the address and the network");
        }
        if (cause instanceof SSLException) {
            return new Cause("the TLS handshake failed: " + withoutAddress(cause.getMessage()),
                    "check the kubeconfig's certificate-authority data and the server's certificate");
        }
        if (isConnectionLost(cause)) {
            return new Cause("the connection was lost", "check that the cluster is running");
        }
        return new Cause(describe(cause), "");
    }

    /**
     * Whether a failure is a connection that was open and then dropped (reset, closed), which a
     * read may retry; refused connections, timeouts, unknown hosts and TLS failures are not.
     */
    static boolean isConnectionLost(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof SSLException
                || cause instanceof NoRouteToHostException || isTimeout(cause)) {
            return false;
        }
        return cause instanceof IOException || cause.getClass().getSimpleName().equals("HttpClosedException")
                || mentions(cause, "connection was closed") || mentions(cause, "connection reset");
    }

    /** The failure inside the wrappers of futures and of the HTTP client. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof KubernetesClientException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isTimeout(Throwable cause) {
        // Vert.x reports its request timeout as a NoStackTraceTimeoutException, not a TimeoutException.
        return cause instanceof TimeoutException
                || (cause.getClass().getSimpleName().endsWith("TimeoutException") && !(cause instanceof ConnectException));
    }

    private ClusterException unreachable(String reason, String what, String advice, Throwable cause) {
        return new ClusterException(ClusterException.UNREACHABLE, "cannot reach the Kubernetes API server at " + address
                + ": " + reason + " (to " + what + ")" + (advice.isEmpty() ? "" : "; " + advice), cause);
    }

    private static boolean mentions(Throwable cause, String words) {
        return cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(words);
    }

    /** An exception's message without the address Netty appends ({@code ...: /127.0.0.1:6443}), on one line. */
    private static String withoutAddress(String message) {
        String text = message == null ? "" : message.replaceAll(":\\s*\\S*/\\S+:\\d+$", "");
        return Redaction.text(text.replaceAll("\\s+", " ").trim());
    }

    private static String describe(Throwable cause) {
        String message = withoutAddress(cause.getMessage());
        return message.isEmpty() ? cause.getClass().getSimpleName() : message;
    }

    /** Why no answer came, and what to check (empty when nothing useful can be said). */
    private record Cause(String reason, String advice) {
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 != 0 ? millis + "ms" : millis % 60_000 != 0 || millis == 0 ? millis / 1000 + "s"
                : millis / 60_000 + "m";
    }
}
