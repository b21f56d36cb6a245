package io.gitops4j.render.kustomize.internal.patch;

import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;

/**
 * Kustomize's {@code PatchJson6902Transformer} (each {@code patchesJson6902} entry): a list of
 * JSON 6902 operations, from {@code path} or inline ({@code jsonOp}), applied to the resources
 * {@code target} selects. The patch is read when the transformer is configured.
 */
public final class PatchJson6902Transformer implements Transformer {

    private final Patches.Loaded patch;

    /**
     * @param config {@code path} or the inline operations, and {@code target}
     * @param files where {@code path} is read
     * @throws IllegalArgumentException when the file is missing or the patch is not valid YAML or empty
     */
    public PatchJson6902Transformer(PatchEntry config, KustomizationFiles files) {
        this.patch = Patches.load(config, files);
    }

    @Override
    public void transform(ResMap resources) {
        Patches.apply(resources, patch, true, KubernetesSchema.builtIn());
    }
}
