package io.gitops4j.core.notifications;

import io.gitops4j.kube.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code service.<type>[.<name>]} of {@code argocd-notifications-cm}, with its {@code $key}
 * secret references already resolved. Their {@code toString()} never shows a secret.
 */
public sealed interface NotificationServiceConfig {

    /** {@return the name subscriptions use ({@code slack}, or the webhook's name)} */
    String name();

    /** {@return every secret value this service holds, for redaction} */
    List<String> secrets();

    /**
     * {@code service.webhook.<name>}.
     *
     * @param name the webhook's name
     * @param url the base URL
     * @param headers the headers sent with every request, in order
     * @param basicAuth {@code username} and {@code password}, when given
     */
    record Webhook(String name, String url, List<Map.Entry<String, String>> headers, Optional<Map.Entry<String, String>> basicAuth)
            implements NotificationServiceConfig {

        /**
         * Copies the headers.
         *
         * @param name the webhook's name
         * @param url the base URL
         * @param headers the headers sent with every request, in order
         * @param basicAuth {@code username} and {@code password}, when given
         */
        public Webhook {
            headers = List.copyOf(headers);
        }

        @Override
        public List<String> secrets() {
            List<String> secrets = new java.util.ArrayList<>();
            headers.forEach(h -> secrets.add(h.getValue()));
            basicAuth.ifPresent(b -> secrets.add(b.getValue()));
            return secrets;
        }

        @Override
        public String toString() {
            return "Webhook[name=" + name + ", url=" + Redaction.url(url) + ", headers="
                    + headers.stream().map(Map.Entry::getKey).toList() + "]";
        }
    }

    /**
     * {@code service.slack[.<name>]}: with {@code webhookURL}, a Slack incoming webhook (our
     * addition; the channel is the webhook's own); otherwise {@code token} and {@code apiURL}
     * ({@code https://slack.com/api} when not given) post to {@code chat.postMessage}.
     *
     * @param name {@code slack} or {@code slack.<name>}'s name
     * @param token the bot token, empty for an incoming webhook
     * @param apiUrl the Slack API's base URL
     * @param webhookUrl the incoming webhook's URL, empty for the API
     */
    record Slack(String name, String token, String apiUrl, String webhookUrl) implements NotificationServiceConfig {

        @Override
        public List<String> secrets() {
            return List.of(token, webhookUrl);
        }

        @Override
        public String toString() {
            return "Slack[name=" + name + ", apiUrl=" + Redaction.url(apiUrl) + (webhookUrl.isEmpty() ? "" : ", webhookURL=***") + "]";
        }
    }
}
