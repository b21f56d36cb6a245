package io.gitops4j.k8s;

import io.gitops4j.diff.GitOpsException;

/**
 * A request to a cluster failed. Carries the HTTP status code the API server answered with
 * (404 not found, 409 conflict, 422 invalid, ...), or 0 when the cluster could not be reached.
 */
public class ClusterException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** Status code for "the cluster could not be reached at all". */
    public static final int UNREACHABLE = 0;

    private final int code;

    public ClusterException(int code, String message) {
        super(message);
        this.code = code;
    }

    public ClusterException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The HTTP status code, or {@link #UNREACHABLE}. */
    public int code() {
        return code;
    }

    /** Whether the object or its type does not exist (404). */
    public boolean isNotFound() {
        return code == 404;
    }

    /** Whether the request conflicted with the stored object (409): already exists or stale. */
    public boolean isConflict() {
        return code == 409;
    }
}
