package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.render.kustomize.internal.generate.ConfigMapGenerator;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflationGenerator;
import io.gitops4j.render.kustomize.internal.generate.SecretGenerator;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs;
import io.gitops4j.render.kustomize.internal.model.ImageEntry;
import io.gitops4j.render.kustomize.internal.model.Kustomization.ReplicaEntry;
import io.gitops4j.render.kustomize.internal.model.Kustomization;
import io.gitops4j.render.kustomize.internal.model.LabelEntry;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.patch.PatchJson6902Transformer;
import io.gitops4j.render.kustomize.internal.patch.PatchStrategicMergeTransformer;
import io.gitops4j.render.kustomize.internal.patch.PatchSchema;
import io.gitops4j.render.kustomize.internal.patch.PatchTransformer;
import io.gitops4j.render.kustomize.internal.replace.ReplacementTransformer;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import io.gitops4j.render.kustomize.internal.transform.AnnotationsTransformer;
import io.gitops4j.render.kustomize.internal.transform.ImageTagTransformer;
import io.gitops4j.render.kustomize.internal.transform.LabelTransformer;
import io.gitops4j.render.kustomize.internal.transform.NamespaceTransformer;
import io.gitops4j.render.kustomize.internal.transform.PrefixTransformer;
import io.gitops4j.render.kustomize.internal.transform.ReplicaCountTransformer;
import io.gitops4j.render.kustomize.internal.transform.SuffixTransformer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in generators and transformers a kustomization's own fields configure, in Kustomize's
 * order (its {@code kusttarget_configplugin}): generators for {@code configMapGenerator},
 * {@code secretGenerator} and {@code helmCharts}; transformers for strategic merge patches,
 * patches, namespace, name prefix and suffix, labels, annotations, JSON 6902 patches, replicas,
 * images and replacements. Each is configured here, files it needs read now, and run later.
 */
final class BuiltinConfigurators {

    private final Kustomization kustomization;
    private final KustomizationFiles files;
    private final Path kustomizationFile;
    private final PatchSchema patchSchema;

    /**
     * @param kustomization the kustomization whose fields configure the plugins
     * @param files reads the kustomization's files
     * @param kustomizationFile the kustomization file's path, for the origin of generated objects
     * @param patchSchema the build's schema for strategic merge patches
     */
    BuiltinConfigurators(Kustomization kustomization, KustomizationFiles files, Path kustomizationFile,
            PatchSchema patchSchema) {
        this.patchSchema = patchSchema;
        this.kustomization = kustomization;
        this.files = files;
        this.kustomizationFile = kustomizationFile;
    }

    /**
     * The generators, in Kustomize's order.
     *
     * @param context how {@code helmCharts} are inflated, if they are
     * @param directory the kustomization's directory
     * @throws IllegalArgumentException when {@code helmCharts} are set but Helm is not enabled
     */
    List<Generator> generators(BuildContext context, Path directory) {
        List<Generator> generators = new ArrayList<>();
        for (GeneratorArgs args : kustomization.configMapGenerator()) {
            generators.add(new ConfigMapGenerator(withGlobalOptions(args), files,
                    Origin.generator(kustomizationFile, "ConfigMapGenerator")));
        }
        for (GeneratorArgs args : kustomization.secretGenerator()) {
            generators.add(new SecretGenerator(withGlobalOptions(args), files,
                    Origin.generator(kustomizationFile, "SecretGenerator")));
        }
        JsonNode charts = kustomization.helmCharts();
        if (charts.isArray() && !charts.isEmpty()) {
            if (context.helmCharts().isEmpty()) {
                throw new IllegalArgumentException("helmCharts are disabled; enable Helm in the Kustomize options "
                        + "(Argo CD's --enable-helm)");
            }
            for (JsonNode chart : charts) {
                generators.add(new HelmChartInflationGenerator(chart, kustomization.helmGlobals(), directory, files,
                        context.helmCharts().get(), Origin.generator(kustomizationFile, "HelmChartInflationGenerator")));
            }
        }
        return generators;
    }

    /** A generator's options with the kustomization's {@code generatorOptions} beneath them. */
    private GeneratorArgs withGlobalOptions(GeneratorArgs args) {
        return args.withOptions(kustomization.generatorOptions().overriddenBy(args.options()));
    }

    /**
     * The transformers, in Kustomize's order.
     *
     * @param config the transformer configuration in force (defaults, {@code configurations}, {@code crds})
     * @throws IllegalArgumentException when a patch or replacement file is missing or malformed
     */
    List<Transformer> transformers(TransformerConfig config) {
        List<Transformer> transformers = new ArrayList<>();
        if (!kustomization.patchesStrategicMerge().isEmpty()) {
            transformers.add(new PatchStrategicMergeTransformer(kustomization.patchesStrategicMerge(), files,
                    patchSchema));
        }
        for (PatchEntry patch : kustomization.patches()) {
            transformers.add(new PatchTransformer(patch, files, patchSchema));
        }
        if (!kustomization.namespace().isEmpty()) {
            transformers.add(new NamespaceTransformer(kustomization.namespace(), config.specs("namespace")));
        }
        if (!kustomization.namePrefix().isEmpty()) {
            transformers.add(new PrefixTransformer(kustomization.namePrefix(), config.specs("namePrefix")));
        }
        if (!kustomization.nameSuffix().isEmpty()) {
            transformers.add(new SuffixTransformer(kustomization.nameSuffix(), config.specs("nameSuffix")));
        }
        for (LabelEntry label : kustomization.labels()) {
            transformers.add(new LabelTransformer(label.pairs(), labelSpecs(label, config)));
        }
        if (!kustomization.commonLabels().isEmpty() || !kustomization.labels().isEmpty()) {
            // Kustomize configures the commonLabels transformer whenever there are labels of either kind.
            transformers.add(new LabelTransformer(kustomization.commonLabels(), config.specs("commonLabels")));
        }
        if (!kustomization.commonAnnotations().isEmpty()) {
            transformers.add(new AnnotationsTransformer(kustomization.commonAnnotations(),
                    config.specs("commonAnnotations")));
        }
        for (PatchEntry patch : kustomization.patchesJson6902()) {
            transformers.add(new PatchJson6902Transformer(patch, files));
        }
        for (ReplicaEntry replica : kustomization.replicas()) {
            transformers.add(new ReplicaCountTransformer(replica, config.specs("replicas")));
        }
        for (ImageEntry image : kustomization.images()) {
            transformers.add(new ImageTagTransformer(image, config.specs("images")));
        }
        if (kustomization.replacements().isArray()) {
            transformers.add(new ReplacementTransformer(kustomization.replacements(), files));
        }
        return transformers;
    }

    /**
     * Where a {@code labels} entry's pairs go: its own {@code fields}, the {@code labels} field
     * specs of {@code configurations} (whatever the include flags say), then with
     * {@code includeSelectors} everywhere {@code commonLabels} go, otherwise {@code metadata/labels}
     * and, with {@code includeTemplates}, the pod templates.
     */
    private static List<FieldSpec> labelSpecs(LabelEntry label, TransformerConfig config) {
        List<FieldSpec> specs = new ArrayList<>(label.fields());
        addAll(specs, config.specs("labels"));
        if (label.includeSelectors()) {
            addAll(specs, config.specs("commonLabels"));
        } else {
            addAll(specs, List.of(new FieldSpec(Gvk.ANY, "metadata/labels", true)));
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
