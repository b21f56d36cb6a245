package io.gitops4j.k8s.clusters;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of the last check of a cluster, as Argo CD's {@code connectionState}: a status, a
 * one-line message (without credentials) and when it was attempted.
 *
 * @param status whether the cluster answered
 * @param message why it failed, or empty when it answered
 * @param attemptedAt when the check started, on the registry's clock
 */
public record ConnectionState(ConnectionStatus status, String message, Instant attemptedAt) {

    /**
     * Checks that every part is given.
     *
     * @param status whether the cluster answered
     * @param message why it failed, or empty when it answered
     * @param attemptedAt when the check started, on the registry's clock
     * @throws NullPointerException when a part is {@code null}
     */
    public ConnectionState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
    }

    /**
     * A cluster that answered at {@code at}.
     *
     * @param at when the check ran
     * @return the state
     */
    public static ConnectionState successful(Instant at) {
        return new ConnectionState(ConnectionStatus.SUCCESSFUL, "", at);
    }

    /**
     * A cluster that did not answer at {@code at}, and why.
     *
     * @param message why, without credentials
     * @param at when the check ran
     * @return the state
     */
    public static ConnectionState failed(String message, Instant at) {
        return new ConnectionState(ConnectionStatus.FAILED, message, at);
    }

    /**
     * Whether the cluster answered.
     *
     * @return whether the status is {@link ConnectionStatus#SUCCESSFUL}
     */
    public boolean isSuccessful() {
        return status == ConnectionStatus.SUCCESSFUL;
    }
}
