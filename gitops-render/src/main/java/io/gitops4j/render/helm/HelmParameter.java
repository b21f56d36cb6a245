package io.gitops4j.render.helm;

/**
 * One Helm parameter, as {@code --set name=value} (or {@code --set-string} when
 * {@code forceString}), Argo CD's {@code helm.parameters} entry.
 *
 * @param name the value path, for example {@code image.tag} or {@code ports[0].port}
 * @param value the value
 * @param forceString keep the value a string ({@code "true"} stays {@code "true"})
 */
public record HelmParameter(String name, String value, boolean forceString) {

    /**
     * Checks that the parameter is named.
     *
     * @param name the value path, for example {@code image.tag} or {@code ports[0].port}
     * @param value the value
     * @param forceString keep the value a string ({@code "true"} stays {@code "true"})
     * @throws IllegalArgumentException when {@code name} is missing or blank
     */
    public HelmParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a Helm parameter needs a name");
        }
        value = value == null ? "" : value;
    }
}
