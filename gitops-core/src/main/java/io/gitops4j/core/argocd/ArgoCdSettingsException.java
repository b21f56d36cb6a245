package io.gitops4j.core.argocd;

import io.gitops4j.kube.GitOpsException;

/**
 * An Argo CD setting GitOps4J cannot use: the message names the ConfigMap or Secret, the key at
 * fault and what to write instead, never the value of a secret.
 */
public final class ArgoCdSettingsException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what is wrong, naming the object and key
     */
    public ArgoCdSettingsException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message what is wrong, naming the object and key
     * @param cause the underlying failure
     */
    public ArgoCdSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
