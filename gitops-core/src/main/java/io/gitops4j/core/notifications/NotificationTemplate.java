package io.gitops4j.core.notifications;

import java.util.Map;

/**
 * A {@code template.<name>} of {@code argocd-notifications-cm}; every string is a Go template over
 * {@code .app}, {@code .context}, {@code .serviceType} and {@code .recipient}.
 *
 * @param name the template's name ({@code app-sync-failed})
 * @param message the {@code message}, the text every service sends
 * @param slack the {@code slack} section's fields ({@code attachments}, {@code blocks}, ...), as template text
 * @param webhook the {@code webhook.<service>} sections, by webhook service name
 */
public record NotificationTemplate(String name, String message, Map<String, String> slack, Map<String, WebhookRequest> webhook) {

    /**
     * Copies both maps.
     *
     * @param name the template's name ({@code app-sync-failed})
     * @param message the {@code message}, the text every service sends
     * @param slack the {@code slack} section's fields ({@code attachments}, {@code blocks}, ...), as
     *     template text
     * @param webhook the {@code webhook.<service>} sections, by webhook service name
     */
    public NotificationTemplate {
        slack = Map.copyOf(slack);
        webhook = Map.copyOf(webhook);
    }

    /**
     * The request a template makes of one webhook service.
     *
     * @param method the HTTP method ({@code GET} when not given, as in Argo CD)
     * @param path appended to the service's URL, template text
     * @param body the request body, template text
     */
    public record WebhookRequest(String method, String path, String body) {
    }
}
