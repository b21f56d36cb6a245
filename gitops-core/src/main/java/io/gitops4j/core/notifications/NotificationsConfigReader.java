package io.gitops4j.core.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code argocd-notifications-cm} and {@code argocd-notifications-secret} as Argo CD
 * Notifications does: {@code trigger.<name>}, {@code template.<name>}, {@code service.webhook.<name>},
 * {@code service.slack[.<name>]}, {@code defaultTriggers} and {@code context}; {@code $key} in a
 * service's settings is replaced by the secret's key. Every trigger condition is parsed here, so a
 * condition outside the supported language fails when the configuration is read.
 */
public final class NotificationsConfigReader {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsConfigReader.class);
    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$([\\w.-]+)");

    private NotificationsConfigReader() {
    }

    /**
     * Reads the two objects from YAML.
     *
     * @param configMapYaml the YAML of the {@code argocd-notifications-cm} ConfigMap
     * @param secretYaml the Secret's YAML, empty when there is none
     * @return the configuration
     * @throws NotificationException naming the key that is wrong
     */
    public static NotificationsConfig read(String configMapYaml, String secretYaml) {
        JsonNode configMap = Yaml.readValue(configMapYaml, "argocd-notifications-cm");
        JsonNode secret = secretYaml.isBlank() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : Yaml.readValue(secretYaml, "argocd-notifications-secret");
        return read(configMap, secret);
    }

    /**
     * Reads the two objects from their JSON trees; {@code secret} may be a missing node.
     *
     * @param configMap the {@code argocd-notifications-cm} ConfigMap
     * @param secret the {@code argocd-notifications-secret} Secret, or a missing node
     * @return the configuration
     */
    public static NotificationsConfig read(JsonNode configMap, JsonNode secret) {
        Map<String, String> secrets = secretValues(secret);
        Map<String, Trigger> triggers = new HashMap<>();
        Map<String, NotificationTemplate> templates = new HashMap<>();
        Map<String, NotificationServiceConfig> services = new HashMap<>();
        List<String> defaultTriggers = new ArrayList<>();
        Map<String, String> context = new HashMap<>();
        JsonNode data = configMap.path("data");
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            String key = entry.getKey();
            String value = entry.getValue().asText();
            try {
                if (key.startsWith("trigger.")) {
                    String name = key.substring("trigger.".length());
                    triggers.put(name, trigger(name, yaml(value, key)));
                } else if (key.startsWith("template.")) {
                    String name = key.substring("template.".length());
                    templates.put(name, template(name, yaml(value, key)));
                } else if (key.startsWith("service.webhook.")) {
                    String name = key.substring("service.webhook.".length());
                    services.put(name, webhook(name, yaml(value, key), secrets, key));
                } else if (key.equals("service.slack") || key.startsWith("service.slack.")) {
                    String name = key.equals("service.slack") ? "slack" : key.substring("service.slack.".length());
                    services.put(name, slack(name, yaml(value, key), secrets, key));
                } else if (key.equals("defaultTriggers")) {
                    yaml(value, key).forEach(t -> defaultTriggers.add(t.asText()));
                } else if (key.equals("context")) {
                    yaml(value, key).properties().forEach(e -> context.put(e.getKey(), e.getValue().asText()));
                } else if (key.startsWith("service.") || key.equals("subscriptions")) {
                    LOG.warn("argocd-notifications-cm key '{}' is ignored: only service.webhook.<name> and service.slack are supported,"
                            + " and subscriptions come from the Applications' annotations", key);
                }
            } catch (GitOpsException e) {
                if (e instanceof NotificationException) {
                    throw e;
                }
                throw new NotificationException("argocd-notifications-cm key '" + key + "': " + e.getMessage());
            }
        }
        checkReferences(triggers, templates, defaultTriggers);
        return new NotificationsConfig(triggers, templates, services, defaultTriggers, context);
    }

    private static void checkReferences(Map<String, Trigger> triggers, Map<String, NotificationTemplate> templates,
            List<String> defaultTriggers) {
        for (Trigger trigger : triggers.values()) {
            for (Trigger.Condition condition : trigger.conditions()) {
                for (String template : condition.send()) {
                    if (!templates.containsKey(template)) {
                        throw new NotificationException("trigger '" + trigger.name() + "' sends template '" + template
                                + "', which argocd-notifications-cm does not define; add template." + template);
                    }
                }
            }
        }
        for (String name : defaultTriggers) {
            if (!triggers.containsKey(name)) {
                throw new NotificationException("defaultTriggers names '" + name + "', which argocd-notifications-cm does not define");
            }
        }
    }

    private static Trigger trigger(String name, JsonNode conditions) {
        if (!conditions.isArray()) {
            throw new NotificationException("trigger '" + name + "' must be a list of conditions {when, send, oncePer}");
        }
        List<Trigger.Condition> result = new ArrayList<>();
        for (JsonNode condition : conditions) {
            String when = condition.path("when").asText("");
            if (when.isBlank()) {
                throw new NotificationException("trigger '" + name + "': a condition has no 'when'");
            }
            List<String> send = new ArrayList<>();
            condition.path("send").forEach(t -> send.add(t.asText()));
            String oncePer = condition.path("oncePer").asText("");
            result.add(new Trigger.Condition(condition.path("description").asText(""), TriggerExpression.parse(when, name), send,
                    oncePer.isBlank() ? Optional.empty() : Optional.of(TriggerExpression.parse(oncePer, name))));
        }
        return new Trigger(name, result);
    }

    private static NotificationTemplate template(String name, JsonNode node) {
        Map<String, String> slack = new LinkedHashMap<>();
        node.path("slack").properties().forEach(e -> slack.put(e.getKey(), e.getValue().asText()));
        Map<String, NotificationTemplate.WebhookRequest> webhook = new LinkedHashMap<>();
        node.path("webhook").properties().forEach(e -> webhook.put(e.getKey(), new NotificationTemplate.WebhookRequest(
                e.getValue().path("method").asText("GET"), e.getValue().path("path").asText(""), e.getValue().path("body").asText(""))));
        return new NotificationTemplate(name, node.path("message").asText(""), slack, webhook);
    }

    private static NotificationServiceConfig webhook(String name, JsonNode node, Map<String, String> secrets, String key) {
        String url = resolve(node.path("url").asText(""), secrets, key);
        if (url.isBlank()) {
            throw new NotificationException("argocd-notifications-cm key '" + key + "': 'url' is required");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        node.path("headers").forEach(h -> headers.add(Map.entry(h.path("name").asText(), resolve(h.path("value").asText(""), secrets, key))));
        Optional<Map.Entry<String, String>> basicAuth = node.has("basicAuth")
                ? Optional.of(Map.entry(resolve(node.path("basicAuth").path("username").asText(""), secrets, key),
                        resolve(node.path("basicAuth").path("password").asText(""), secrets, key)))
                : Optional.empty();
        return new NotificationServiceConfig.Webhook(name, url, headers, basicAuth);
    }

    private static NotificationServiceConfig slack(String name, JsonNode node, Map<String, String> secrets, String key) {
        String token = resolve(node.path("token").asText(""), secrets, key);
        String webhookUrl = resolve(node.path("webhookURL").asText(node.path("url").asText("")), secrets, key);
        if (token.isBlank() && webhookUrl.isBlank()) {
            throw new NotificationException("argocd-notifications-cm key '" + key + "': give 'token' (Slack API) or 'webhookURL' (incoming webhook)");
        }
        String apiUrl = resolve(node.path("apiURL").asText("https://slack.com/api"), secrets, key);
        return new NotificationServiceConfig.Slack(name, token, apiUrl, webhookUrl);
    }

    private static String resolve(String value, Map<String, String> secrets, String key) {
        Matcher matcher = SECRET_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String secretKey = matcher.group(1);
            String secret = secrets.get(secretKey);
            if (secret == null) {
                throw new NotificationException("argocd-notifications-cm key '" + key + "' refers to $" + secretKey
                        + ", which argocd-notifications-secret does not hold; add it to the Secret's data");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> secretValues(JsonNode secret) {
        Map<String, String> values = new HashMap<>();
        secret.path("data").properties().forEach(e -> {
            try {
                values.put(e.getKey(), new String(Base64.getMimeDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                throw new NotificationException("argocd-notifications-secret key '" + e.getKey() + "' is not base64");
            }
        });
        secret.path("stringData").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static JsonNode yaml(String value, String key) {
        return Yaml.readValue(value, "argocd-notifications-cm key '" + key + "'");
    }
}
