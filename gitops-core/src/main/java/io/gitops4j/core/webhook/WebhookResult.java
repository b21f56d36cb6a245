package io.gitops4j.core.webhook;

import java.util.Objects;
import java.util.Optional;

/**
 * How a webhook request was answered.
 *
 * @param status the HTTP status: 200 accepted, 4xx refused (nothing was refreshed)
 * @param message one line for the sender: what was refreshed, or why the request was refused
 * @param push the push it announced; empty when refused or another event (a ping)
 * @param refreshed how many applications were marked for comparison
 */
public record WebhookResult(int status, String message, Optional<PushEvent> push, int refreshed) {

    /**
     * Requires the message and the push.
     *
     * @param status the HTTP status: 200 accepted, 4xx refused (nothing was refreshed)
     * @param message one line for the sender: what was refreshed, or why the request was refused
     * @param push the push it announced; empty when refused or another event (a ping)
     * @param refreshed how many applications were marked for comparison
     */
    public WebhookResult {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(push, "push");
    }
}
