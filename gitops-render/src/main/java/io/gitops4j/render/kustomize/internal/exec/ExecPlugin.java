package io.gitops4j.render.kustomize.internal.exec;

import io.gitops4j.kube.Yaml;
import io.gitops4j.render.internal.process.PluginProcess;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A legacy exec plugin (Kustomize's {@code execplugin}): the executable
 * {@code PLUGIN_HOME/<group>/<version>/<lowercase kind>/<Kind>} named by a configuration's
 * {@code apiVersion} and {@code kind}. It is called with the path of a file holding the
 * configuration, then the arguments of {@code argsOneLiner} and {@code argsFromFile}; the
 * configuration is also in {@code KUSTOMIZE_PLUGIN_CONFIG_STRING} and the kustomization's
 * directory in {@code KUSTOMIZE_PLUGIN_CONFIG_ROOT}. A generator gets nothing on stdin; a
 * transformer gets the resources, each with its id in {@code kustomize.config.k8s.io/id}. What it
 * prints on stdout is the result.
 */
public final class ExecPlugin implements ExternalPlugin {

    /** Kustomize leaves out an environment variable longer than this. */
    private static final int MAX_ENV_LENGTH = 131071;

    private final PluginEnvironment environment;
    private final Resource config;
    private final Path program;
    private final List<String> args;
    private final String configYaml;
    private final String name;

    private ExecPlugin(PluginEnvironment environment, Resource config, Path program, List<String> args) {
        this.environment = environment;
        this.config = config;
        this.program = program;
        this.args = args;
        this.configYaml = Yaml.write(config.object());
        this.name = "exec plugin '" + config.originalId().kind() + "' (" + program + ")";
    }

    /**
     * Finds and configures the plugin a configuration names.
     *
     * @param environment where it runs
     * @param config its configuration
     * @param files reads the kustomization's files ({@code argsFromFile})
     * @throws IllegalArgumentException when there is no plugin home, no executable at the
     *     plugin's place in it, or the arguments cannot be read
     */
    public static ExecPlugin load(PluginEnvironment environment, Resource config, KustomizationFiles files) {
        ResId id = config.originalId();
        Path home = environment.settings().pluginHome().orElseThrow(() -> new IllegalArgumentException(
                "unable to load external plugin '" + id.kind() + "': no plugin home is configured (Kustomize's "
                        + "$KUSTOMIZE_PLUGIN_HOME or $XDG_CONFIG_HOME/kustomize/plugin; KustomizePlugins.withPluginHome)"));
        Path relative = id.group().isEmpty() ? Path.of(id.version(), id.kind().toLowerCase(Locale.ROOT), id.kind())
                : Path.of(id.group(), id.version(), id.kind().toLowerCase(Locale.ROOT), id.kind());
        Path candidate = home.resolve(relative).normalize();
        if (!candidate.startsWith(home) || !Files.exists(candidate)) {
            throw new IllegalArgumentException("unable to load external plugin '" + id.kind() + "': no executable at "
                    + relative + " in the plugin home " + home);
        }
        Path program = environment.executable(candidate, "plugin " + id.kind() + " at " + candidate);
        return new ExecPlugin(environment, config, program, arguments(config, files));
    }

    private static List<String> arguments(Resource config, KustomizationFiles files) {
        List<String> args = new ArrayList<>();
        String oneLiner = config.object().path("argsOneLiner").asText("");
        if (!oneLiner.isEmpty()) {
            args.addAll(Shlex.split(oneLiner));
        }
        String fromFile = config.object().path("argsFromFile").asText("");
        if (!fromFile.isEmpty()) {
            for (String line : files.readText(fromFile).split("\n", -1)) {
                String trimmed = line.replaceFirst("^ +", "");
                if (!trimmed.isEmpty()) {
                    args.add(trimmed);
                }
            }
        }
        return args;
    }

    @Override
    public ResMap generate() {
        byte[] output = invoke(new byte[0]);
        return PluginResources.generated(PluginResources.read(output, name),
                Origin.plugin(config.origin().file(), config.currentId()).in(config.origin().remote()));
    }

    @Override
    public void transform(ResMap resources) {
        byte[] input = Yaml.writeAll(PluginResources.withIds(resources)).getBytes(StandardCharsets.UTF_8);
        byte[] output = invoke(input);
        PluginResources.update(program.toString(), PluginResources.read(output, name), resources, config.origin());
    }

    @Override
    public String kind() {
        return config.originalId().kind();
    }

    private byte[] invoke(byte[] input) {
        Path configFile = null;
        try {
            configFile = Files.createTempFile("kust-plugin-config-", "");
            Files.writeString(configFile, configYaml, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(program.toString());
            command.add(configFile.toString());
            command.addAll(args);
            Map<String, String> extra = new TreeMap<>();
            if (configYaml.length() + "KUSTOMIZE_PLUGIN_CONFIG_STRING=".length() <= MAX_ENV_LENGTH) {
                extra.put("KUSTOMIZE_PLUGIN_CONFIG_STRING", configYaml);
            }
            extra.put("KUSTOMIZE_PLUGIN_CONFIG_ROOT", environment.directory().toString());
            return PluginProcess.run(name + ", configured in " + config.origin().file().getFileName(), command,
                    environment.directory(), environment.environment(extra), input,
                    environment.settings().timeout(), environment.settings().maxOutputBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the configuration of " + name + ": " + e.getMessage(), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }
}
