package io.gitops4j.render.kustomize.internal.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflater;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.TypeReader;
import io.gitops4j.render.kustomize.internal.patch.PatchSchema;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one built-in plugin, listed under a kustomization's {@code transformers}
 * or {@code generators}: a Kubernetes-style object ({@code apiVersion: builtin}, the plugin's
 * {@code kind}, {@code metadata}) whose other fields are the plugin's, read here as Go's decoder
 * reads them (unknown fields ignored, a value of the wrong type refused). Files the plugin names
 * are read relative to the kustomization that lists it.
 */
public final class PluginConfig {

    private final Resource config;
    private final KustomizationFiles files;
    private final Path kustomizationDirectory;
    private final Optional<HelmChartInflater> helmCharts;
    private final TypeReader types;
    private final PatchSchema patchSchema;

    /**
     * @param config the configuration object
     * @param files reads the files of the kustomization listing it
     * @param kustomizationDirectory that kustomization's directory
     * @param helmCharts inflates Helm charts; empty when Helm is not enabled
     * @param patchSchema the build's schema for strategic merge patches
     */
    public PluginConfig(Resource config, KustomizationFiles files, Path kustomizationDirectory,
            Optional<HelmChartInflater> helmCharts, PatchSchema patchSchema) {
        this.patchSchema = patchSchema;
        this.config = config;
        this.files = files;
        this.kustomizationDirectory = kustomizationDirectory;
        this.helmCharts = helmCharts;
        this.types = new TypeReader(IllegalArgumentException::new, IllegalArgumentException::new);
    }

    /** The configuration object. */
    public ObjectNode object() {
        return config.object();
    }

    /** A field's value ({@code MissingNode} when absent). */
    public JsonNode field(String name) {
        return config.object().path(name);
    }

    /** A string field; empty when absent. */
    public String text(String name) {
        return types.text(field(name), name);
    }

    /** A string field of a nested struct ({@code serviceAccount.name}); empty when absent. */
    public String text(String struct, String name) {
        return types.text(field(struct).path(name), struct + "." + name);
    }

    /** A string field of {@code metadata}; empty when absent. */
    public String metadata(String name) {
        return types.text(field("metadata").path(name), "metadata." + name);
    }

    /** A boolean field; false when absent. */
    public boolean bool(String name) {
        return YamlFields.bool(field(name), name, IllegalArgumentException::new).orElse(false);
    }

    /** A mapping of strings; empty when absent. */
    public Map<String, String> stringMap(String name) {
        return types.stringMap(field(name), name);
    }

    /** {@code fieldSpecs}; empty when absent. */
    public List<FieldSpec> fieldSpecs() {
        JsonNode specs = field("fieldSpecs");
        types.list(specs, "fieldSpecs");
        return types.fieldSpecs(specs, "fieldSpecs");
    }

    /**
     * {@code fieldSpecs}, which this plugin needs.
     *
     * @throws IllegalArgumentException with Kustomize's wording when they are absent
     */
    public List<FieldSpec> requiredFieldSpecs() {
        if (YamlFields.isAbsent(field("fieldSpecs"))) {
            throw new IllegalArgumentException("fieldSpecs is not expected to be nil");
        }
        return fieldSpecs();
    }

    /** Reads Kustomize's types from the configuration's fields. */
    public TypeReader types() {
        return types;
    }

    /** Reads the files of the kustomization listing the plugin. */
    public KustomizationFiles files() {
        return files;
    }

    /** The directory of the kustomization listing the plugin. */
    public Path kustomizationDirectory() {
        return kustomizationDirectory;
    }

    /** Inflates Helm charts; empty when Helm is not enabled. */
    public Optional<HelmChartInflater> helmCharts() {
        return helmCharts;
    }

    /** The build's schema for strategic merge patches. */
    public PatchSchema patchSchema() {
        return patchSchema;
    }

    /** The origin of what the plugin generates: its configuration's file and id. */
    public Origin generatedOrigin() {
        return Origin.plugin(config.origin().file(), config.currentId()).in(config.origin().remote());
    }
}
