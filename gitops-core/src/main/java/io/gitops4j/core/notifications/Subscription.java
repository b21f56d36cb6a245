package io.gitops4j.core.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One subscription of an Application: send the trigger's notifications through a service to a
 * recipient, from the annotations {@code notifications.argoproj.io/subscribe.<trigger>.<service>:
 * <recipient>[;<recipient>...]} and {@code notifications.argoproj.io/subscribe.<service>} (every
 * default trigger). A webhook's recipient is usually empty.
 *
 * @param trigger the trigger's name
 * @param service the service's name
 * @param recipient the Slack channel, or empty
 */
public record Subscription(String trigger, String service, String recipient) {

    /** The annotation prefix of subscriptions. */
    public static final String ANNOTATION_PREFIX = "notifications.argoproj.io/subscribe.";

    /**
     * The subscriptions an Application's annotations declare, in annotation order.
     *
     * @param application the Application object
     * @param defaultTriggers the triggers a subscription without any uses ({@code defaultTriggers} of the
     *     ConfigMap)
     * @return the subscriptions; empty when there is none
     */
    public static List<Subscription> of(JsonNode application, List<String> defaultTriggers) {
        List<Subscription> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> annotation : application.path("metadata").path("annotations").properties()) {
            String key = annotation.getKey();
            if (!key.startsWith(ANNOTATION_PREFIX)) {
                continue;
            }
            String rest = key.substring(ANNOTATION_PREFIX.length());
            int dot = rest.indexOf('.');
            List<String> triggers = dot < 0 ? defaultTriggers : List.of(rest.substring(0, dot));
            String service = dot < 0 ? rest : rest.substring(dot + 1);
            for (String trigger : triggers) {
                for (String recipient : recipients(annotation.getValue().asText(""))) {
                    result.add(new Subscription(trigger, service, recipient));
                }
            }
        }
        return result;
    }

    private static List<String> recipients(String value) {
        List<String> recipients = new ArrayList<>();
        for (String part : value.split("[;,]")) {
            if (!part.isBlank()) {
                recipients.add(part.strip());
            }
        }
        return recipients.isEmpty() ? List.of("") : recipients;
    }
}
