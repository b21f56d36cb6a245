package io.gitops4j.render.plugin;

import java.util.Map;

/**
 * Argo CD's {@code spec.source.plugin}: which plugin renders the source, with what environment.
 *
 * @param name the plugin's name
 * @param env variables given to the plugin's commands, each as {@code ARGOCD_ENV_<NAME>}
 * @param parameters parameters given as {@code PARAM_<NAME>} (upper case) and, all together, as
 *     JSON in {@code ARGOCD_APP_PARAMETERS}
 */
public record PluginSource(String name, Map<String, String> env, Map<String, String> parameters) {

    /**
     * Checks that the plugin is named.
     *
     * @param name the plugin's name
     * @param env variables given to the plugin's commands, each as {@code ARGOCD_ENV_<NAME>}
     * @param parameters parameters given as {@code PARAM_<NAME>} (upper case) and, all together, as JSON in
     *     {@code ARGOCD_APP_PARAMETERS}
     * @throws IllegalArgumentException when {@code name} is missing or blank
     */
    public PluginSource {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a plugin source needs the plugin's name");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
