package io.gitops4j.cluster;

import io.gitops4j.kube.GitOpsException;
import java.time.Duration;
import java.util.Optional;

/**
 * A request to a cluster failed. Carries the HTTP status code the API server answered with
 * (404 not found, 409 conflict, 422 invalid, ...), or 0 when the cluster could not be reached,
 * the Kubernetes {@code Status} reason ({@code NotFound}, {@code AlreadyExists}, {@code Conflict},
 * {@code Invalid}, ...) and, for 429 and 503, how long the server asked the client to wait.
 */
public class ClusterException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** Status code for "the cluster could not be reached at all". */
    public static final int UNREACHABLE = 0;

    /** The HTTP status code, or {@link #UNREACHABLE}. */
    private final int code;
    /** The Kubernetes {@code Status} reason, empty when the cluster could not be reached. */
    private final String reason;
    /** How long the server asked the client to wait, or {@code null} when it named no time. */
    private final Duration retryAfter;

    /**
     * A failure with the reason an API server gives for {@code code} (see {@link #reasonOf(int)}).
     *
     * @param code the HTTP status code, or {@link #UNREACHABLE}
     * @param message what failed, one line
     */
    public ClusterException(int code, String message) {
        this(code, reasonOf(code), message, Optional.empty(), null);
    }

    /**
     * A failure with the reason an API server gives for {@code code} and the exception that caused it.
     *
     * @param code the HTTP status code, or {@link #UNREACHABLE}
     * @param message what failed, one line
     * @param cause the underlying failure
     */
    public ClusterException(int code, String message, Throwable cause) {
        this(code, reasonOf(code), message, Optional.empty(), cause);
    }

    /**
     * @param code the HTTP status code, or {@link #UNREACHABLE}
     * @param reason the Kubernetes {@code Status} reason, empty to derive it from the code
     * @param message what failed, one line
     * @param retryAfter how long the server asked the client to wait before retrying
     */
    public ClusterException(int code, String reason, String message, Optional<Duration> retryAfter) {
        this(code, reason, message, retryAfter, null);
    }

    /**
     * @param code the HTTP status code, or {@link #UNREACHABLE}
     * @param reason the Kubernetes {@code Status} reason, empty to derive it from the code
     * @param message what failed, one line
     * @param retryAfter how long the server asked the client to wait before retrying
     * @param cause the underlying failure, or {@code null}
     */
    public ClusterException(int code, String reason, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.reason = reason.isEmpty() ? reasonOf(code) : reason;
        this.retryAfter = retryAfter.orElse(null);
    }

    /**
     * The HTTP status code, or {@link #UNREACHABLE}.
     *
     * @return the code, {@code 0} when the cluster could not be reached
     */
    public int code() {
        return code;
    }

    /**
     * The Kubernetes {@code Status} reason: {@code NotFound}, {@code AlreadyExists},
     * {@code Conflict}, {@code Invalid}, {@code BadRequest}, {@code TooManyRequests}, ...; empty
     * when the cluster could not be reached.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * How long the server asked the client to wait before retrying (429 and 503 answers).
     *
     * @return the wait, empty when the server named none
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the object or its type does not exist (404).
     *
     * @return {@code true} for a 404
     */
    public boolean isNotFound() {
        return code == 404;
    }

    /**
     * Whether the request conflicted with the stored object (409): already exists or stale.
     *
     * @return {@code true} for a 409
     */
    public boolean isConflict() {
        return code == 409;
    }

    /**
     * The reason an API server gives with a status code when nothing more specific applies.
     *
     * @param code an HTTP status code
     * @return the reason ({@code NotFound} for 404, {@code InternalError} for any 5xx without its own), or
     *     empty for a code without one
     */
    public static String reasonOf(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "";
        };
    }
}
