package io.gitops4j.render.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.render.internal.process.PluginProcess;
import io.gitops4j.render.source.Manifests;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.Utf8Text;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a {@link ConfigManagementPlugin} in a source directory: no shell, the commands as argument
 * lists, Argo CD's {@code ARGOCD_APP_*} environment, a time limit per command, and the output of
 * {@code generate} read as manifests ({@code kind: List} flattened; it must be UTF-8). A command
 * that prints more than the plugin's {@link ConfigManagementPlugin#maxOutputBytes()} is killed:
 * its output is held in memory up to that limit, never in a file, so a broken or hostile plugin
 * fills neither the disk nor the heap. A non-zero exit, a time-out, too much output or unreadable
 * output is a {@link PluginException} naming the plugin, with the command's last lines of error
 * output.
 *
 * <p><b>What is not confined.</b> A plugin is an external program the operator configured; it
 * runs with the rights of this JVM's user. Its working directory is the source directory (its real
 * path, inside the repository), but nothing stops the program from reading files outside the
 * repository, opening network connections or contacting a cluster: it inherits this process's
 * environment (including {@code KUBECONFIG}, proxy settings and any credentials in it) and home
 * directory. The repository boundary, the archive limits and the "no cluster while rendering"
 * rule of the other renderers hold only as far as the plugin's own program keeps them. Configure
 * only programs that are safe on hostile repository content, and run them in a sandbox of your
 * own (a container, a restricted user) where that matters.
 */
public final class PluginRunner {

    private PluginRunner() {
    }

    /**
     * @param plugin the plugin
     * @param source the Application's plugin source: its name, environment and parameters
     * @param directory the directory to run the plugin in, the application's path
     * @param environment Argo CD's {@code ARGOCD_APP_*} variables for the application
     * @return the objects the generate command printed
     */
    public static List<ObjectNode> run(ConfigManagementPlugin plugin, PluginSource source, Path directory,
            Map<String, String> environment) {
        Map<String, String> env = new TreeMap<>(environment);
        source.env().forEach((key, value) -> env.put("ARGOCD_ENV_" + key, value));
        source.parameters().forEach((key, value) -> env.put("PARAM_" + key.toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9_]", "_"), value));
        if (!source.parameters().isEmpty()) {
            env.put("ARGOCD_APP_PARAMETERS", Json.write(Json.mapper().valueToTree(new TreeMap<>(source.parameters()))));
        }
        if (!plugin.init().isEmpty()) {
            execute(plugin, plugin.init(), "init", directory, env);
        }
        String output = execute(plugin, plugin.generate(), "generate", directory, env);
        try {
            return Manifests.read(output, "output of plugin " + plugin.name());
        } catch (ManifestException e) {
            throw new PluginException("plugin " + plugin.name() + " printed something that is not manifests: "
                    + e.getMessage(), e);
        }
    }

    private static String execute(ConfigManagementPlugin plugin, List<String> command, String phase, Path directory,
            Map<String, String> env) {
        String what = "plugin " + plugin.name() + " " + phase + " (" + String.join(" ", command) + ")";
        Map<String, String> environment = new TreeMap<>(System.getenv());
        environment.putAll(env);
        byte[] output;
        try {
            output = PluginProcess.run(what, command, directory, environment, new byte[0], plugin.timeout(),
                    plugin.maxOutputBytes());
        } catch (PluginProcess.Failure e) {
            throw new PluginException(what + " exited with " + e.exitStatus() + ": " + e.errorOutput(), e);
        } catch (IllegalArgumentException e) {
            throw new PluginException(e.getMessage(), e);
        }
        return decode(output, "the output of " + what);
    }

    private static String decode(byte[] output, String source) {
        try {
            return Utf8Text.decode(output, source);
        } catch (RenderException e) {
            throw new PluginException(e.getMessage(), e);
        }
    }
}
