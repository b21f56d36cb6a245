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

    private final int code;
    private final String reason;
    private final Duration retryAfter;

    public ClusterException(int code, String message) {
        this(code, reasonOf(code), message, Optional.empty(), null);
    }

    public ClusterException(int code, String message, Throwable cause) {
        this(code, reasonOf(code), message, Optional.empty(), cause);
    }

    /**
     * @param reason the Kubernetes {@code Status} reason, empty to derive it from the code
     * @param retryAfter how long the server asked the client to wait before retrying
     */
    public ClusterException(int code, String reason, String message, Optional<Duration> retryAfter) {
        this(code, reason, message, retryAfter, null);
    }

    /**
     * @param reason the Kubernetes {@code Status} reason, empty to derive it from the code
     * @param retryAfter how long the server asked the client to wait before retrying
     * @param cause the underlying failure, or {@code null}
     */
    public ClusterException(int code, String reason, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.reason = reason.isEmpty() ? reasonOf(code) : reason;
        this.retryAfter = retryAfter.orElse(null);
    }

    /** The HTTP status code, or {@link #UNREACHABLE}. */
    public int code() {
        return code;
    }

    /**
     * The Kubernetes {@code Status} reason: {@code NotFound}, {@code AlreadyExists},
     * {@code Conflict}, {@code Invalid}, {@code BadRequest}, {@code TooManyRequests}, ...; empty
     * when the cluster could not be reached.
     */
    public String reason() {
        return reason;
    }

    /** How long the server asked the client to wait before retrying (429 and 503 answers). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the object or its type does not exist (404). */
    public boolean isNotFound() {
        return code == 404;
    }

    /** Whether the request conflicted with the stored object (409): already exists or stale. */
    public boolean isConflict() {
        return code == 409;
    }

    /** The reason an API server gives with a status code when nothing more specific applies. */
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
