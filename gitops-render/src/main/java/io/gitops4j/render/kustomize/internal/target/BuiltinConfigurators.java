package io.gitops4j.render.kustomize.internal.load;

import io.gitops4j.render.kustomize.internal.model.ImageEntry;
import io.gitops4j.render.kustomize.internal.model.Kustomization;
import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.model.LabelEntry;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.patch.PatchTransformer;
import io.gitops4j.render.kustomize.internal.replace.Replacements;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import io.gitops4j.render.kustomize.internal.transform.ImageTransformer;
import io.gitops4j.render.kustomize.internal.transform.MapFieldSetter;
import io.gitops4j.render.kustomize.internal.transform.NamespaceTransformer;
import io.gitops4j.render.kustomize.internal.transform.PrefixSuffixTransformer;
import io.gitops4j.render.kustomize.internal.transform.ReplicaTransformer;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in transformers of one kustomization, in Kustomize's order: strategic merge patches,
 * patches, namespace, name prefix and suffix, labels, annotations, JSON 6902 patches, replicas,
 * images, replacements.
 */
final class TransformerPipeline {

    private final Kustomization kustomization;
    private final KustomizationFiles files;
    private final BuildContext context;

    TransformerPipeline(Kustomization kustomization, KustomizationFiles files, BuildContext context) {
        this.kustomization = kustomization;
        this.files = files;
        this.context = context;
    }

    void run(Accumulation acc) {
        ResMap resources = acc.resources();
        TransformerConfig config = acc.config();
        PatchTransformer patches = new PatchTransformer(resources, files);
        for (PatchEntry patch : kustomization.patchesStrategicMerge()) {
            patches.apply(patch, false);
        }
        for (PatchEntry patch : kustomization.patches()) {
            patches.apply(patch, false);
        }
        NamespaceTransformer.apply(resources, kustomization.namespace(), config);
        PrefixSuffixTransformer.apply(resources, kustomization.namePrefix(), "", config.specs("namePrefix"));
        PrefixSuffixTransformer.apply(resources, "", kustomization.nameSuffix(), config.specs("nameSuffix"));
        for (LabelEntry label : kustomization.labels()) {
            MapFieldSetter.apply(resources, label.pairs(), labelSpecs(label, config));
        }
        MapFieldSetter.apply(resources, kustomization.commonLabels(), config.specs("commonLabels"));
        MapFieldSetter.apply(resources, kustomization.commonAnnotations(), config.specs("commonAnnotations"));
        for (PatchEntry patch : kustomization.patchesJson6902()) {
            patches.apply(patch, true);
        }
        for (ReplicaEntry replica : kustomization.replicas()) {
            ReplicaTransformer.apply(resources, replica, config.specs("replicas"));
        }
        for (ImageEntry image : kustomization.images()) {
            ImageTransformer.apply(resources, image, config.specs("images"));
        }
        if (kustomization.replacements().isArray()) {
            new Replacements(resources, files).apply(kustomization.replacements());
        }
        if (!kustomization.transformers().isEmpty()) {
            throw new UnsupportedOperationException("the transformers field (transformer plugins) is not supported; "
                    + "use the kustomization's built-in fields");
        }
    }

    private static List<FieldSpec> labelSpecs(LabelEntry label, TransformerConfig config) {
        List<FieldSpec> specs = new ArrayList<>(label.fields());
        if (label.includeSelectors()) {
            addAll(specs, config.specs("commonLabels"));
        } else {
            addAll(specs, List.of(new FieldSpec(io.gitops4j.render.kustomize.internal.resource.Gvk.ANY, "metadata/labels", true)));
            if (label.includeTemplates()) {
                addAll(specs, config.specs("templateLabels"));
            }
        }
        return specs;
    }

    private static void addAll(List<FieldSpec> specs, List<FieldSpec> more) {
        for (FieldSpec spec : more) {
            if (specs.stream().noneMatch(s -> s.samePlace(spec))) {
                specs.add(spec);
            }
        }
    }
}
