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

    public GitOpsException(String message) {
        super(message);
    }

    public GitOpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
