package io.gitops4j.core.appset;

import io.gitops4j.kube.GitOpsException;

/**
 * An ApplicationSet could not be read, or its generators or template could not produce its
 * Applications. The message names the ApplicationSet, the generator (as a path such as
 * {@code spec.generators[0].matrix.generators[1].git}), the parameter set and the field, where
 * they apply, and what to do. When generation fails, no Application of the set should be created,
 * changed or deleted.
 */
public class ApplicationSetException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what failed, naming the generator, parameter set and field
     */
    public ApplicationSetException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message what failed, naming the generator, parameter set and field
     * @param cause the underlying failure
     */
    public ApplicationSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
