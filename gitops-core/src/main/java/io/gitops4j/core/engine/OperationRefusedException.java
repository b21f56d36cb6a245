package io.gitops4j.core.engine;

import io.gitops4j.kube.GitOpsException;

/**
 * An operation cannot start now, as Argo CD's API refuses it (a rollback while automated sync is
 * on, a history id the application does not have, an application being deleted); the message
 * says why and what to do. Nothing was changed.
 */
public class OperationRefusedException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message why the operation is refused and what to do
     */
    public OperationRefusedException(String message) {
        super(message);
    }
}
