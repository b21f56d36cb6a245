package io.gitops4j.render.kustomize.internal.patch;

import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;

/**
 * Kustomize's {@code PatchTransformer} (each {@code patches} entry): a strategic merge patch or a
 * list of JSON 6902 operations, from {@code path} or inline ({@code patch}), applied to the
 * resources {@code target} selects, or (strategic merge only) to the one resource the patch
 * names. The patch is read when the transformer is configured.
 */
public final class PatchTransformer implements Transformer {

    private final Patches.Loaded patch;
    private final PatchSchema schema;

    /**
     * @param config {@code path} or {@code patch}, {@code target} and {@code options}
     *     ({@code allowNameChange}, {@code allowKindChange})
     * @param files where {@code path} is read
     * @param schema the build's schema for strategic merge (its {@code openapi} choice)
     * @throws IllegalArgumentException when the file is missing or the patch is not valid YAML or empty
     */
    public PatchTransformer(PatchEntry config, KustomizationFiles files, PatchSchema schema) {
        this.schema = schema;
        this.patch = Patches.load(config, files);
    }

    @Override
    public void transform(ResMap resources) {
        Patches.apply(resources, patch, false, schema.current());
    }
}
