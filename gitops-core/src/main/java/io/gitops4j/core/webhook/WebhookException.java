package io.gitops4j.core.webhook;

import io.gitops4j.kube.GitOpsException;

/**
 * A webhook request refused: the HTTP status it is answered with (400 malformed, 401 unsigned or
 * wrongly signed, 405 not a POST, 413 too large) and a one-line reason that names the provider
 * and the header or field at fault, never a secret or a signature.
 */
public final class WebhookException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status the request is answered with. */
    private final int status;

    /**
     * An exception answered with the given status.
     *
     * @param status the HTTP status, such as 400, 401 or 413
     * @param message why, naming the header or field at fault
     */
    public WebhookException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** {@return the HTTP status the request is answered with} */
    public int status() {
        return status;
    }
}
