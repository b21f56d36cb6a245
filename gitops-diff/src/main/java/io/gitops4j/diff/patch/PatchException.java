package io.gitops4j.diff.patch;

import io.gitops4j.kube.GitOpsException;

/**
 * A patch could not be applied: a malformed directive, a list item without its merge key, or a
 * JSON Patch operation on a path that does not exist. The message names the object and the path.
 */
public class PatchException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * A patch that cannot be applied.
     *
     * @param message what is wrong, naming the object
     */
    public PatchException(String message) {
        super(message);
    }

    /**
     * A patch that cannot be applied, because of another exception.
     *
     * @param message what is wrong, naming the object
     * @param cause the underlying failure
     */
    public PatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
