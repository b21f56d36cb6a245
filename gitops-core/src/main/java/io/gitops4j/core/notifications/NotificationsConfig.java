package io.gitops4j.core.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code argocd-notifications-cm} and {@code argocd-notifications-secret} configure: triggers,
 * templates, services, the default triggers of a subscription that names none, and the
 * {@code context} given to templates. Read with {@link NotificationsConfigReader}.
 *
 * @param triggers by name
 * @param templates by name
 * @param services by the name subscriptions use
 * @param defaultTriggers {@code defaultTriggers}
 * @param context {@code context} ({@code argocdUrl}, ...), {@code .context} in templates
 */
public record NotificationsConfig(Map<String, Trigger> triggers, Map<String, NotificationTemplate> templates,
        Map<String, NotificationServiceConfig> services, List<String> defaultTriggers, Map<String, String> context) {

    /**
     * Copies the maps and the list.
     *
     * @param triggers by name
     * @param templates by name
     * @param services by the name subscriptions use
     * @param defaultTriggers {@code defaultTriggers}
     * @param context {@code context} ({@code argocdUrl}, ...), {@code .context} in templates
     */
    public NotificationsConfig {
        triggers = Map.copyOf(triggers);
        templates = Map.copyOf(templates);
        services = Map.copyOf(services);
        defaultTriggers = List.copyOf(defaultTriggers);
        context = Map.copyOf(context);
    }

    /** {@return every secret value the services hold, for redaction of logs and messages} */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        services.values().forEach(s -> secrets.addAll(s.secrets()));
        return secrets;
    }

    @Override
    public String toString() {
        return "NotificationsConfig[triggers=" + triggers.keySet() + ", templates=" + templates.keySet()
                + ", services=" + services.values() + ", defaultTriggers=" + defaultTriggers + "]";
    }
}
