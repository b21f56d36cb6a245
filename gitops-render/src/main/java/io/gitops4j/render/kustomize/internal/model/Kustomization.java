package io.gitops4j.render.kustomize.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs.GeneratorOptions;
import java.util.List;
import java.util.Map;

/**
 * One kustomization file, read and checked: the fields a build acts on, with Kustomize's
 * deprecated aliases folded in ({@code bases} into {@code resources}, {@code imageTags} into
 * {@code images}, {@code env} into {@code envs}). Fields whose content is structured further
 * ({@code replacements}, {@code vars}, {@code sortOptions}, {@code helmCharts}) stay as trees for
 * the step that reads them.
 *
 * @param file the file, relative to the repository root, for messages
 * @param isComponent {@code kind: Component}
 * @param openapi the {@code openapi} field: {@code path} (a custom OpenAPI document) or
 *     {@code version} (a built-in one); empty when absent
 */
public record Kustomization(
        String file,
        boolean isComponent,
        List<String> resources,
        List<String> components,
        List<String> crds,
        List<String> configurations,
        String namespace,
        String namePrefix,
        String nameSuffix,
        Map<String, String> commonLabels,
        List<LabelEntry> labels,
        Map<String, String> commonAnnotations,
        List<ImageEntry> images,
        List<ReplicaEntry> replicas,
        List<PatchEntry> patchesStrategicMerge,
        List<PatchEntry> patches,
        List<PatchEntry> patchesJson6902,
        List<GeneratorArgs> configMapGenerator,
        List<GeneratorArgs> secretGenerator,
        GeneratorOptions generatorOptions,
        JsonNode replacements,
        JsonNode vars,
        JsonNode sortOptions,
        JsonNode helmCharts,
        JsonNode helmGlobals,
        List<String> buildMetadata,
        List<String> transformers,
        List<String> generators,
        List<String> validators,
        Map<String, String> openapi) {

    /**
     * One entry of {@code replicas}.
     *
     * @param name the name of the workload to scale
     * @param count the replica count
     */
    public record ReplicaEntry(String name, long count) {
    }

    /** The same kustomization with other values, for Argo CD's source overrides. */
    public Kustomization withOverrides(String newNamespace, String newPrefix, String newSuffix,
            Map<String, String> newCommonLabels, Map<String, String> newCommonAnnotations, List<ImageEntry> newImages,
            List<ReplicaEntry> newReplicas, List<String> newComponents, List<PatchEntry> newPatches) {
        return new Kustomization(file, isComponent, resources, newComponents, crds, configurations, newNamespace, newPrefix,
                newSuffix, newCommonLabels, labels, newCommonAnnotations, newImages, newReplicas, patchesStrategicMerge,
                newPatches, patchesJson6902, configMapGenerator, secretGenerator, generatorOptions, replacements, vars,
                sortOptions, helmCharts, helmGlobals, buildMetadata, transformers, generators, validators, openapi);
    }
}
