package io.gitops4j.render.plugin;

import java.time.Duration;
import java.util.List;

/**
 * A config management plugin (Argo CD's CMP): commands that turn a source directory into
 * manifests, run without a shell as argument lists. {@code init} runs first (fetching
 * dependencies, say), then {@code generate}, whose standard output is read as YAML or JSON.
 * Covers Jsonnet, cdk8s, Tanka and the like. A plugin is not confined to the repository: it runs
 * with this JVM's user, environment and network (see {@link PluginRunner}).
 *
 * <pre>{@code
 * ConfigManagementPlugin.of("jsonnet", List.of("jsonnet", "-y", "main.jsonnet"));
 * }</pre>
 *
 * @param name the name applications use in {@code spec.source.plugin.name}
 * @param init the command run before {@code generate}; empty for none
 * @param generate the command that prints the manifests
 * @param timeout the limit for each command; the process is killed when it is reached
 * @param maxOutputBytes how much each command may print on stdout; the process is killed when it
 *     prints more (its output is held in memory up to this limit, never written to disk)
 */
public record ConfigManagementPlugin(String name, List<String> init, List<String> generate, Duration timeout,
        long maxOutputBytes) {

    /** Argo CD's default limit for generating manifests. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    /** The default output limit of each command, 32 MiB, as for Kustomize's exec plugins. */
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 32L * 1024 * 1024;

    /**
     * Checks that the plugin is named and can generate.
     *
     * @param name the name applications use in {@code spec.source.plugin.name}
     * @param init the command run before {@code generate}; empty for none
     * @param generate the command that prints the manifests
     * @param timeout the limit for each command; the process is killed when it is reached
     * @param maxOutputBytes how much each command may print on stdout; positive
     * @throws IllegalArgumentException when the name is missing or blank, there is no generate
     *     command, or the output limit is not positive
     */
    public ConfigManagementPlugin {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a plugin needs a name");
        }
        if (generate == null || generate.isEmpty()) {
            throw new IllegalArgumentException("plugin " + name + " needs a generate command");
        }
        init = init == null ? List.of() : List.copyOf(init);
        generate = List.copyOf(generate);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("plugin " + name + " needs a positive output limit, not " + maxOutputBytes);
        }
    }

    /**
     * A plugin with the default output limit ({@link #DEFAULT_MAX_OUTPUT_BYTES}).
     *
     * @param name the name applications use in {@code spec.source.plugin.name}
     * @param init the command run before {@code generate}; empty for none
     * @param generate the command that prints the manifests
     * @param timeout the limit for each command; the process is killed when it is reached
     */
    public ConfigManagementPlugin(String name, List<String> init, List<String> generate, Duration timeout) {
        this(name, init, generate, timeout, DEFAULT_MAX_OUTPUT_BYTES);
    }

    /**
     * The same plugin with another output limit.
     *
     * @param limit how much each command may print on stdout, in bytes; positive
     * @return the new plugin
     */
    public ConfigManagementPlugin withMaxOutputBytes(long limit) {
        return new ConfigManagementPlugin(name, init, generate, timeout, limit);
    }

    /**
     * A plugin with only a generate command and the default timeout.
     *
     * @param name the plugin's name, as Applications name it
     * @param generate the command printing the manifests, program first
     * @return the plugin
     */
    public static ConfigManagementPlugin of(String name, List<String> generate) {
        return new ConfigManagementPlugin(name, List.of(), generate, DEFAULT_TIMEOUT);
    }
}
