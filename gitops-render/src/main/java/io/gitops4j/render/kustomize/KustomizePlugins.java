package io.gitops4j.render.kustomize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a kustomization may run programs: Kustomize's external plugins, off by default, as in
 * {@code kubectl kustomize} and Argo CD. {@link #alphaPlugins} is Kustomize's
 * {@code --enable-alpha-plugins}: legacy exec plugins found in the {@link #pluginHome plugin home}
 * ({@code PLUGIN_HOME/<group>/<version>/<lowercase kind>/<Kind>}) run. {@link #exec} is
 * {@code --enable-exec}: KRM functions whose {@code config.kubernetes.io/function} annotation names
 * an {@code exec: path:} run too (it needs {@link #alphaPlugins} as well, as in Kustomize).
 *
 * <p>Even when on, a program runs only when its file, symbolic links followed, is inside the
 * repository checkout or the plugin home; it runs without a shell, in the kustomization's
 * directory, with a minimal environment ({@code PATH} and the variables Kustomize sets), for at
 * most {@link #timeout} and {@link #maxOutputBytes} of output. It is not otherwise confined: it
 * runs with this JVM's user's rights, so enable plugins only for repositories whose programs you
 * trust, as with Kustomize itself.
 *
 * @param alphaPlugins {@code --enable-alpha-plugins}: external plugins may be loaded
 * @param exec {@code --enable-exec}: exec KRM functions may run
 * @param pluginHome where legacy exec plugins are found; empty: none are
 * @param timeout how long one plugin run may take before it is killed; positive
 * @param maxOutputBytes how much one plugin run may print; positive
 */
public record KustomizePlugins(boolean alphaPlugins, boolean exec, Optional<Path> pluginHome, Duration timeout,
        long maxOutputBytes) {

    /** Argo CD's default time limit for the tools it runs ({@code ARGOCD_EXEC_TIMEOUT}, 90 s). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    /** The default output limit of one plugin run, 32 MiB. */
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 32L * 1024 * 1024;

    /** No external plugins: only Kustomize's built-ins (the default). */
    public static final KustomizePlugins DISABLED = new KustomizePlugins(false, false, Optional.empty(),
            DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES);

    /**
     * Checks the settings.
     *
     * @param alphaPlugins {@code --enable-alpha-plugins}: external plugins may be loaded
     * @param exec {@code --enable-exec}: exec KRM functions may run
     * @param pluginHome where legacy exec plugins are found; empty: none are
     * @param timeout how long one plugin run may take before it is killed; positive
     * @param maxOutputBytes how much one plugin run may print; positive
     * @throws IllegalArgumentException when the timeout or the output limit is not positive, or
     *     {@code exec} is on without {@code alphaPlugins}
     */
    public KustomizePlugins {
        Objects.requireNonNull(pluginHome, "pluginHome");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("plugin timeout must be positive, not " + timeout);
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("plugin output limit must be positive, not " + maxOutputBytes);
        }
        if (exec && !alphaPlugins) {
            throw new IllegalArgumentException("--enable-exec needs --enable-alpha-plugins: exec KRM functions are "
                    + "external plugins");
        }
        pluginHome = pluginHome.map(p -> p.toAbsolutePath().normalize());
    }

    /**
     * External plugins as {@code --enable-alpha-plugins} alone enables them: legacy exec plugins
     * from the plugin home Kustomize finds in this process's environment ({@link #defaultPluginHome}).
     *
     * @return the settings
     */
    public static KustomizePlugins alphaPluginsEnabled() {
        return new KustomizePlugins(true, false, defaultPluginHome(System.getenv()), DEFAULT_TIMEOUT,
                DEFAULT_MAX_OUTPUT_BYTES);
    }

    /**
     * The same settings with exec KRM functions allowed or not ({@code --enable-exec}); allowing
     * them enables external plugins too.
     *
     * @param enabled whether exec KRM functions run
     * @return the new settings
     */
    public KustomizePlugins withExec(boolean enabled) {
        return new KustomizePlugins(alphaPlugins || enabled, enabled, pluginHome, timeout, maxOutputBytes);
    }

    /**
     * The same settings with another plugin home.
     *
     * @param directory the directory holding {@code <group>/<version>/<lowercase kind>/<Kind>} executables
     * @return the new settings
     */
    public KustomizePlugins withPluginHome(Path directory) {
        return new KustomizePlugins(alphaPlugins, exec, Optional.of(directory), timeout, maxOutputBytes);
    }

    /**
     * The same settings with another time limit per plugin run.
     *
     * @param limit positive
     * @return the new settings
     */
    public KustomizePlugins withTimeout(Duration limit) {
        return new KustomizePlugins(alphaPlugins, exec, pluginHome, limit, maxOutputBytes);
    }

    /**
     * The same settings with another output limit per plugin run.
     *
     * @param bytes positive
     * @return the new settings
     */
    public KustomizePlugins withMaxOutputBytes(long bytes) {
        return new KustomizePlugins(alphaPlugins, exec, pluginHome, timeout, bytes);
    }

    /**
     * The plugin home Kustomize v5.7.1 uses: {@code $KUSTOMIZE_PLUGIN_HOME}, else
     * {@code $XDG_CONFIG_HOME/kustomize/plugin}, else {@code $HOME/.config/kustomize/plugin}, else
     * {@code $HOME/kustomize/plugin}, the first that is set and exists.
     *
     * @param environment the environment to read ({@code System.getenv()} for this process's)
     * @return the directory; empty when none exists
     */
    public static Optional<Path> defaultPluginHome(Map<String, String> environment) {
        String home = environment.getOrDefault("HOME", "");
        String xdg = environment.getOrDefault("XDG_CONFIG_HOME", "");
        String[] candidates = {
            environment.getOrDefault("KUSTOMIZE_PLUGIN_HOME", ""),
            xdg.isEmpty() ? "" : xdg + "/kustomize/plugin",
            home.isEmpty() ? "" : home + "/.config/kustomize/plugin",
            home.isEmpty() ? "" : home + "/kustomize/plugin",
        };
        for (String candidate : candidates) {
            if (!candidate.isEmpty() && java.nio.file.Files.isDirectory(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }
}
