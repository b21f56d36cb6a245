package io.gitops4j.core.notifications;

import io.gitops4j.core.appset.gotemplate.GoTemplate;
import io.gitops4j.core.appset.gotemplate.TemplateException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a template's strings with Go {@code text/template} over the variables Argo CD
 * Notifications gives them: {@code .app}, {@code .context}, {@code .serviceType} and
 * {@code .recipient}. A template error names the template and field.
 */
final class NotificationRenderer {

    private static final GoTemplate.Options OPTIONS = new GoTemplate.Options(false, 256 * 1024, 200_000);

    private final Map<String, Object> variables;
    private final String templateName;

    NotificationRenderer(Object app, Map<String, String> context, String serviceType, String recipient, String templateName) {
        Map<String, Object> data = new HashMap<>();
        data.put("app", app);
        data.put("context", new HashMap<>(context));
        data.put("serviceType", serviceType);
        data.put("recipient", recipient);
        this.variables = data;
        this.templateName = templateName;
    }

    String render(String field, String text) {
        if (text.isEmpty()) {
            return text;
        }
        try {
            return GoTemplate.parse(text, templateName + "." + field).execute(variables, OPTIONS);
        } catch (TemplateException e) {
            throw new NotificationException("template '" + templateName + "', field '" + field + "': " + e.getMessage());
        }
    }
}
