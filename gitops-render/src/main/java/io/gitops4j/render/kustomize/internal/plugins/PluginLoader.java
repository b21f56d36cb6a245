package io.gitops4j.render.kustomize.internal.plugins;

import io.gitops4j.render.kustomize.KustomizePlugins;
import io.gitops4j.render.kustomize.internal.exec.ExecPlugin;
import io.gitops4j.render.kustomize.internal.exec.ExternalPlugin;
import io.gitops4j.render.kustomize.internal.exec.FunctionSpec;
import io.gitops4j.render.kustomize.internal.exec.KrmFunction;
import io.gitops4j.render.kustomize.internal.exec.PluginEnvironment;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflater;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.patch.PatchSchema;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the plugins a kustomization's {@code transformers} and {@code generators} configure, as
 * Kustomize's plugin loader does: a configuration of {@code apiVersion: builtin} configures the
 * built-in plugin of its kind; any other is an external plugin, refused unless
 * {@link KustomizePlugins#alphaPlugins} is on. Then a configuration naming an exec KRM function runs
 * it (with {@link KustomizePlugins#exec} on), and any other runs the legacy exec plugin of its
 * {@code apiVersion} and {@code kind} in the plugin home. Go plugins and container functions are
 * refused.
 */
public final class PluginLoader {

    private final KustomizationFiles files;
    private final Path kustomizationDirectory;
    private final Optional<HelmChartInflater> helmCharts;
    private final PatchSchema patchSchema;
    private final PluginEnvironment external;

    /**
     * @param files reads the files of the kustomization listing the plugins
     * @param kustomizationDirectory that kustomization's directory
     * @param helmCharts inflates Helm charts; empty when Helm is not enabled
     * @param patchSchema the build's schema for strategic merge patches
     * @param external whether and how external plugins run
     */
    public PluginLoader(KustomizationFiles files, Path kustomizationDirectory, Optional<HelmChartInflater> helmCharts,
            PatchSchema patchSchema, PluginEnvironment external) {
        this.patchSchema = patchSchema;
        this.external = external;
        this.files = files;
        this.kustomizationDirectory = kustomizationDirectory;
        this.helmCharts = helmCharts;
    }

    /**
     * The transformer a configuration configures.
     *
     * @throws IllegalArgumentException with Kustomize's wording when it is not a built-in
     *     transformer or its configuration is invalid
     */
    public Transformer transformer(Resource config) {
        if (!isBuiltin(config)) {
            return externalPlugin(config);
        }
        BuiltinPluginType type = builtin(config);
        if (type.isGenerator()) {
            throw new IllegalArgumentException("plugin " + config.originalId() + " not a transformer");
        }
        try {
            return type.transformer(configuration(config));
        } catch (IllegalArgumentException e) {
            throw failsConfiguration(config, e);
        }
    }

    /**
     * The generator a configuration configures.
     *
     * @throws IllegalArgumentException with Kustomize's wording when it is not a built-in
     *     generator or its configuration is invalid
     */
    public Generator generator(Resource config) {
        if (!isBuiltin(config)) {
            return externalPlugin(config);
        }
        BuiltinPluginType type = builtin(config);
        if (!type.isGenerator()) {
            throw new IllegalArgumentException("plugin " + config.originalId() + " not a generator");
        }
        try {
            return type.generator(configuration(config));
        } catch (IllegalArgumentException e) {
            throw failsConfiguration(config, e);
        }
    }

    private static IllegalArgumentException failsConfiguration(Resource config, IllegalArgumentException e) {
        return new IllegalArgumentException("plugin " + config.originalId() + " fails configuration: " + e.getMessage(),
                e);
    }

    private PluginConfig configuration(Resource config) {
        return new PluginConfig(config, files, kustomizationDirectory, helmCharts, patchSchema);
    }

    private static boolean isBuiltin(Resource config) {
        ResId id = config.originalId();
        return id.group().isEmpty() && id.version().equals("builtin");
    }

    /** An external plugin: an exec KRM function or a legacy exec plugin, when enabled. */
    private ExternalPlugin externalPlugin(Resource config) {
        ResId id = config.originalId();
        KustomizePlugins settings = external.settings();
        if (!settings.alphaPlugins()) {
            throw new IllegalArgumentException("external plugins disabled; unable to load external plugin '" + id.kind()
                    + "': only Kustomize's built-in plugins (apiVersion: builtin) can be used unless external plugins "
                    + "are enabled (Kustomize's --enable-alpha-plugins: KustomizePlugins, or kustomize.buildOptions); "
                    + "or render with a config management plugin");
        }
        Optional<FunctionSpec> spec = FunctionSpec.of(config.object());
        if (spec.isEmpty()) {
            return ExecPlugin.load(external, config, files);
        }
        FunctionSpec function = spec.get();
        if (!function.image().isEmpty()) {
            throw new IllegalArgumentException("plugin " + id + " is a container KRM function (image "
                    + function.image() + "); container functions are not supported (no container runtime): run it "
                    + "as an exec function or render with a config management plugin");
        }
        if (function.path().isEmpty()) {
            throw new IllegalArgumentException("plugin " + id + " names a KRM function with neither exec.path nor "
                    + "container.image");
        }
        if (!settings.exec()) {
            throw new IllegalArgumentException("plugin " + id + " is an exec KRM function (exec path '"
                    + function.path() + "'); exec functions run only with Kustomize's --enable-exec "
                    + "(KustomizePlugins.withExec, or kustomize.buildOptions)");
        }
        return KrmFunction.load(external, config, function);
    }

    private static BuiltinPluginType builtin(Resource config) {
        ResId id = config.originalId();
        return BuiltinPluginType.of(id.kind()).orElseThrow(() -> new IllegalArgumentException("unable to load builtin "
                + id.kind() + ".builtin.[noGrp]"));
    }
}
