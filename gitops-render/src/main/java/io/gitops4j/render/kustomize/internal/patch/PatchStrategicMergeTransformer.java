package io.gitops4j.render.kustomize.internal.patch;

import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Kustomize's {@code PatchStrategicMergeTransformer} ({@code patchesStrategicMerge}): strategic
 * merge patches, each a file or inline text, applied in order, each to the one resource it names
 * (by its current or an earlier id). The patches are read when the transformer is configured.
 */
public final class PatchStrategicMergeTransformer implements Transformer {

    private final List<Patches.Loaded> patches = new ArrayList<>();
    private final PatchSchema schema;

    /**
     * @param paths the patches: file paths or inline patches ({@code paths} of the plugin configuration)
     * @param files where the files are read
     * @param schema the build's schema for strategic merge (its {@code openapi} choice)
     * @throws IllegalArgumentException when a file is missing or a patch is not valid YAML or empty
     */
    public PatchStrategicMergeTransformer(List<PatchEntry> paths, KustomizationFiles files, PatchSchema schema) {
        this.schema = schema;
        for (PatchEntry path : paths) {
            patches.add(Patches.load(path, files));
        }
    }

    @Override
    public void transform(ResMap resources) {
        for (Patches.Loaded patch : patches) {
            Patches.apply(resources, patch, false, schema.current());
        }
    }
}
