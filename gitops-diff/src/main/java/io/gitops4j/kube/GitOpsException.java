package io.gitops4j.kube;

/**
 * The root of every exception GitOps4J throws on purpose.
 *
 * <p>Messages say what failed, where (file and line, resource {@code group/kind/namespace/name},
 * repository and revision) and, where there is one, what to do about it. Catch this type to
 * handle every GitOps4J failure in one place; catch a subclass to handle one kind of failure.
 */
public class GitOpsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with a one-line message naming what failed and what to do.
     *
     * @param message the message
     */
    public GitOpsException(String message) {
        super(message);
    }

    /**
     * A failure with a one-line message, caused by another exception.
     *
     * @param message the message
     * @param cause the underlying failure
     */
    public GitOpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
