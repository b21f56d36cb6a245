package io.gitops4j.core.reconcile;

import io.gitops4j.kube.GitOpsException;

/**
 * One source of an application with several sources could not be resolved or rendered, or the
 * sources do not fit together (a value file naming a {@code ref} no source has); the message names
 * the source ({@code source 2 of 3}, its name or repository). Nothing is compared or synced then,
 * so nothing is pruned.
 */
public class SourceException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what failed, naming the source
     */
    public SourceException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message what failed, naming the source
     * @param cause the failure of the source's resolution or rendering
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
