package io.gitops4j.core.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Sends one rendered notification through one service over HTTP: a generic webhook (the
 * template's {@code webhook.<service>} request, with the service's headers and basic auth) or
 * Slack (an incoming webhook, or {@code chat.postMessage} with a token). A response other than
 * 2xx, or Slack's {@code "ok": false}, is a failure; nothing here logs.
 */
final class NotificationDelivery {

    private final HttpClient client;
    private final Duration timeout;

    NotificationDelivery(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Sends it.
     *
     * @return false when the template has nothing for this service (a webhook without its section)
     * @throws IOException for a transport failure or a refused request (message without secrets)
     */
    boolean send(NotificationServiceConfig service, NotificationTemplate template, Object app, Map<String, String> context,
            String recipient) throws IOException, InterruptedException {
        if (service instanceof NotificationServiceConfig.Webhook webhook) {
            return sendWebhook(webhook, template, new NotificationRenderer(app, context, "webhook", recipient, template.name()));
        }
        NotificationServiceConfig.Slack slack = (NotificationServiceConfig.Slack) service;
        sendSlack(slack, template, new NotificationRenderer(app, context, "slack", recipient, template.name()), recipient);
        return true;
    }

    private boolean sendWebhook(NotificationServiceConfig.Webhook webhook, NotificationTemplate template, NotificationRenderer renderer)
            throws IOException, InterruptedException {
        NotificationTemplate.WebhookRequest request = template.webhook().get(webhook.name());
        if (request == null) {
            return false;
        }
        String path = renderer.render("webhook." + webhook.name() + ".path", request.path());
        String body = renderer.render("webhook." + webhook.name() + ".body", request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(webhook.url() + path, webhook.name())).timeout(timeout)
                .method(request.method().toUpperCase(java.util.Locale.ROOT),
                        body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        webhook.headers().forEach(h -> builder.header(h.getKey(), h.getValue()));
        webhook.basicAuth().ifPresent(auth -> builder.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((auth.getKey() + ":" + auth.getValue()).getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        check(response, "webhook '" + webhook.name() + "'");
        return true;
    }

    private void sendSlack(NotificationServiceConfig.Slack slack, NotificationTemplate template, NotificationRenderer renderer,
            String recipient) throws IOException, InterruptedException {
        ObjectNode body = Json.object();
        if (slack.webhookUrl().isEmpty()) {
            body.put("channel", recipient);
        }
        body.put("text", renderer.render("message", template.message()));
        for (String field : new String[] {"attachments", "blocks"}) {
            String text = renderer.render("slack." + field, template.slack().getOrDefault(field, "")).strip();
            if (!text.isEmpty()) {
                body.set(field, Json.parseObject("{\"v\":" + text + "}", "template '" + template.name() + "' slack." + field).get("v"));
            }
        }
        boolean incoming = !slack.webhookUrl().isEmpty();
        String url = incoming ? slack.webhookUrl() : slack.apiUrl().replaceAll("/+$", "") + "/chat.postMessage";
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(url, slack.name())).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (!incoming) {
            builder.header("Authorization", "Bearer " + slack.token());
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        check(response, "slack '" + slack.name() + "'");
        if (!incoming) {
            JsonNode reply = Json.parseObject(response.body(), "Slack's reply");
            if (!reply.path("ok").asBoolean(false)) {
                throw new IOException("slack '" + slack.name() + "' refused the message: " + reply.path("error").asText("no error given"));
            }
        }
    }

    private static void check(HttpResponse<String> response, String service) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(service + " answered HTTP " + response.statusCode());
        }
    }

    private static URI uri(String url, String service) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new NotificationException("service '" + service + "': bad URL " + Redaction.url(url));
        }
    }
}
