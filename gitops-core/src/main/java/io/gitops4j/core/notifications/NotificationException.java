package io.gitops4j.core.notifications;

import io.gitops4j.kube.GitOpsException;

/**
 * Notifications could not be configured or evaluated: a malformed {@code argocd-notifications-cm},
 * a trigger condition outside the supported expression language, a missing secret key or
 * template. The message names the trigger, template or service involved.
 */
public class NotificationException extends GitOpsException {

    /**
     * A failure described by its message.
     *
     * @param message what failed, naming the key, trigger or service
     */
    public NotificationException(String message) {
        super(message);
    }
}
