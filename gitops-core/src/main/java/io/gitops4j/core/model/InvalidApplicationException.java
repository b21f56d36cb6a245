package io.gitops4j.core.model;

import io.gitops4j.kube.GitOpsException;

/** An Application definition is incomplete or malformed; the message names the file and field. */
public class InvalidApplicationException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what is wrong, naming the file and the field
     */
    public InvalidApplicationException(String message) {
        super(message);
    }
}
