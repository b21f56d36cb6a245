package io.gitops4j.core.appset;

import io.gitops4j.core.appset.gotemplate.GoTemplate;
import io.gitops4j.core.appset.gotemplate.TemplateException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders one string of a template with one parameter set, with fasttemplate or, when the set
 * says {@code goTemplate: true}, Go's text/template (parsed once per distinct string). Not
 * thread-safe: one per generation.
 */
final class StringRenderer {

    private final boolean goTemplate;
    private final GoTemplate.Options options;
    private final Map<String, GoTemplate> parsed = new HashMap<>();

    StringRenderer(boolean goTemplate, GoTemplate.Options options) {
        this.goTemplate = goTemplate;
        this.options = options;
    }

    boolean goTemplate() {
        return goTemplate;
    }

    GoTemplate.Options options() {
        return options;
    }

    /** The same renderer with other Go template options. */
    StringRenderer withOptions(GoTemplate.Options other) {
        return new StringRenderer(goTemplate, other);
    }

    /**
     * @throws IllegalArgumentException with Argo CD's wording ({@code failed to execute go template ...})
     */
    String render(String text, Map<String, Object> params) {
        String result;
        if (goTemplate) {
            GoTemplate template;
            try {
                template = parsed.get(text);
                if (template == null) {
                    if (parsed.size() > 10_000) {
                        parsed.clear();
                    }
                    template = GoTemplate.parse(text, "base");
                    parsed.put(text, template);
                }
            } catch (TemplateException e) {
                throw new IllegalArgumentException("failed to parse template " + text + ": " + e.getMessage());
            }
            try {
                result = template.execute(params, options);
            } catch (TemplateException e) {
                throw new IllegalArgumentException("failed to execute go template " + text + ": " + e.getMessage());
            }
        } else {
            result = FastTemplate.render(text, params);
        }
        if (result.length() > options.maxOutput()) {
            throw new IllegalArgumentException("the rendered string has " + result.length()
                    + " characters, more than the limit of " + options.maxOutput());
        }
        return result;
    }
}
