package io.gitops4j.render.kustomize.internal.plugins;

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
 * Kustomize's plugin loader does with external plugins disabled (what {@code kubectl kustomize}
 * does): a configuration of {@code apiVersion: builtin} configures the built-in plugin of its kind;
 * any other is an external plugin (an executable, a Go plugin or a KRM function) and refused.
 */
public final class PluginLoader {

    private final KustomizationFiles files;
    private final Path kustomizationDirectory;
    private final Optional<HelmChartInflater> helmCharts;
    private final PatchSchema patchSchema;

    /**
     * @param files reads the files of the kustomization listing the plugins
     * @param kustomizationDirectory that kustomization's directory
     * @param helmCharts inflates Helm charts; empty when Helm is not enabled
     * @param patchSchema the build's schema for strategic merge patches
     */
    public PluginLoader(KustomizationFiles files, Path kustomizationDirectory, Optional<HelmChartInflater> helmCharts,
            PatchSchema patchSchema) {
        this.patchSchema = patchSchema;
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

    private static BuiltinPluginType builtin(Resource config) {
        ResId id = config.originalId();
        if (!id.group().isEmpty() || !id.version().equals("builtin")) {
            throw new IllegalArgumentException("external plugins disabled; unable to load external plugin '" + id.kind()
                    + "': only Kustomize's built-in plugins (apiVersion: builtin) can be used; render with a config "
                    + "management plugin to run others");
        }
        return BuiltinPluginType.of(id.kind()).orElseThrow(() -> new IllegalArgumentException("unable to load builtin "
                + id.kind() + ".builtin.[noGrp]"));
    }
}
