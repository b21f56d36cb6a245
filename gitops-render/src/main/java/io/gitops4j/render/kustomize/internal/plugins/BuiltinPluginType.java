package io.gitops4j.render.kustomize.internal.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.render.kustomize.internal.generate.ConfigMapGenerator;
import io.gitops4j.render.kustomize.internal.generate.HashTransformer;
import io.gitops4j.render.kustomize.internal.generate.HelmChartInflationGenerator;
import io.gitops4j.render.kustomize.internal.generate.IAMPolicyGenerator;
import io.gitops4j.render.kustomize.internal.generate.SecretGenerator;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs;
import io.gitops4j.render.kustomize.internal.model.PatchEntry;
import io.gitops4j.render.kustomize.internal.model.Selector;
import io.gitops4j.render.kustomize.internal.patch.PatchJson6902Transformer;
import io.gitops4j.render.kustomize.internal.patch.PatchStrategicMergeTransformer;
import io.gitops4j.render.kustomize.internal.patch.PatchTransformer;
import io.gitops4j.render.kustomize.internal.replace.ReplacementTransformer;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import io.gitops4j.render.kustomize.internal.transform.AnnotationsTransformer;
import io.gitops4j.render.kustomize.internal.transform.ImageTagTransformer;
import io.gitops4j.render.kustomize.internal.transform.LabelTransformer;
import io.gitops4j.render.kustomize.internal.transform.NamespaceTransformer;
import io.gitops4j.render.kustomize.internal.transform.NamespaceTransformer.RoleBindingSubjects;
import io.gitops4j.render.kustomize.internal.transform.PrefixSuffixTransformer;
import io.gitops4j.render.kustomize.internal.transform.PrefixTransformer;
import io.gitops4j.render.kustomize.internal.transform.ReplicaCountTransformer;
import io.gitops4j.render.kustomize.internal.transform.SuffixTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Kustomize's built-in plugins (its {@code builtinhelpers.BuiltinPluginType}), by kind, each
 * configured from the fields of its plugin configuration, the same fields Kustomize's built-in
 * reads. {@code ValueAddTransformer} (no kustomization field uses it) is refused.
 */
public enum BuiltinPluginType {

    /** {@code annotations}, {@code fieldSpecs}. */
    ANNOTATIONS_TRANSFORMER("AnnotationsTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new AnnotationsTransformer(c.stringMap("annotations"), c.fieldSpecs());
        }
    },
    /** {@code labels}, {@code fieldSpecs}. */
    LABEL_TRANSFORMER("LabelTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new LabelTransformer(c.stringMap("labels"), c.fieldSpecs());
        }
    },
    /** {@code metadata.namespace}, {@code fieldSpecs}, {@code unsetOnly}, {@code setRoleBindingSubjects}. */
    NAMESPACE_TRANSFORMER("NamespaceTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new NamespaceTransformer(c.metadata("namespace"), c.fieldSpecs(), c.bool("unsetOnly"),
                    RoleBindingSubjects.parse(c.text("setRoleBindingSubjects")));
        }
    },
    /** {@code prefix}, {@code fieldSpecs} (required). */
    PREFIX_TRANSFORMER("PrefixTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new PrefixTransformer(c.text("prefix"), c.requiredFieldSpecs());
        }
    },
    /** {@code suffix}, {@code fieldSpecs} (required). */
    SUFFIX_TRANSFORMER("SuffixTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new SuffixTransformer(c.text("suffix"), c.requiredFieldSpecs());
        }
    },
    /** {@code prefix}, {@code suffix}, {@code fieldSpecs} (required): Kustomize's legacy combination. */
    PREFIX_SUFFIX_TRANSFORMER("PrefixSuffixTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new PrefixSuffixTransformer(c.text("prefix"), c.text("suffix"), c.requiredFieldSpecs());
        }
    },
    /** {@code imageTag} ({@code name}, {@code newName}, {@code newTag}, {@code digest}, {@code tagSuffix}),
     * {@code fieldSpecs}. */
    IMAGE_TAG_TRANSFORMER("ImageTagTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new ImageTagTransformer(c.types().image(c.field("imageTag")), c.fieldSpecs());
        }
    },
    /** {@code replica} ({@code name}, {@code count}), {@code fieldSpecs}. */
    REPLICA_COUNT_TRANSFORMER("ReplicaCountTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new ReplicaCountTransformer(c.types().replica(c.field("replica")), c.fieldSpecs());
        }
    },
    /** {@code path} or {@code patch}, {@code target}, {@code options}. */
    PATCH_TRANSFORMER("PatchTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new PatchTransformer(c.types().patch(c.object(), "PatchTransformer", "patch", false), c.files(),
                    c.patchSchema());
        }
    },
    /** {@code paths} (files or inline patches) and {@code patches} (inline). */
    PATCH_STRATEGIC_MERGE_TRANSFORMER("PatchStrategicMergeTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            List<PatchEntry> patches = new ArrayList<>(c.types().strategicMergePatches(c.field("paths"), "paths"));
            String inline = c.text("patches");
            if (!inline.isEmpty()) {
                patches.add(new PatchEntry("", inline, Optional.empty(), false, false));
            }
            if (patches.isEmpty()) {
                throw new IllegalArgumentException("empty file path and empty patch content");
            }
            return new PatchStrategicMergeTransformer(patches, c.files(), c.patchSchema());
        }
    },
    /** {@code target} (with a name), {@code path} or {@code jsonOp}. */
    PATCH_JSON6902_TRANSFORMER("PatchJson6902Transformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            JsonNode target = c.field("target");
            if (!target.isObject() || Selector.read(target).name().isEmpty()) {
                throw new IllegalArgumentException("must specify the target name");
            }
            String path = c.text("path");
            String jsonOp = c.text("jsonOp");
            if (path.isEmpty() && jsonOp.isEmpty()) {
                throw new IllegalArgumentException("empty file path and empty jsonOp");
            }
            if (!path.isEmpty() && !jsonOp.isEmpty()) {
                throw new IllegalArgumentException("must specify a file path or jsonOp, not both");
            }
            return new PatchJson6902Transformer(new PatchEntry(path, jsonOp, Optional.of(Selector.read(target)), false,
                    false), c.files());
        }
    },
    /** {@code replacements} (inline, or {@code path} to a file). */
    REPLACEMENT_TRANSFORMER("ReplacementTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            c.types().list(c.field("replacements"), "replacements");
            return new ReplacementTransformer(c.field("replacements"), c.files());
        }
    },
    /** No configuration: appends content hashes to generated ConfigMaps and Secrets that want one. */
    HASH_TRANSFORMER("HashTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            return new HashTransformer();
        }
    },
    /** Refused: no kustomization field uses it. */
    VALUE_ADD_TRANSFORMER("ValueAddTransformer") {
        @Override
        Transformer transformer(PluginConfig c) {
            throw new IllegalArgumentException("the built-in ValueAddTransformer is not supported; use replacements");
        }
    },
    /** A ConfigMap generator's arguments; {@code metadata.name} and {@code namespace} when they name none. */
    CONFIG_MAP_GENERATOR("ConfigMapGenerator") {
        @Override
        Generator generator(PluginConfig c) {
            return new ConfigMapGenerator(generatorArgs(c), c.files(), c.generatedOrigin());
        }
    },
    /** A Secret generator's arguments; {@code metadata.name} and {@code namespace} when they name none. */
    SECRET_GENERATOR("SecretGenerator") {
        @Override
        Generator generator(PluginConfig c) {
            return new SecretGenerator(generatorArgs(c), c.files(), c.generatedOrigin());
        }
    },
    /** A {@code helmCharts} entry's fields and {@code helmGlobals}' ({@code chartHome}), when Helm is enabled. */
    HELM_CHART_INFLATION_GENERATOR("HelmChartInflationGenerator") {
        @Override
        Generator generator(PluginConfig c) {
            if (c.helmCharts().isEmpty()) {
                throw new IllegalArgumentException("Helm charts are disabled; enable Helm in the Kustomize options "
                        + "(Argo CD's --enable-helm)");
            }
            return new HelmChartInflationGenerator(c.object(), c.object(), c.kustomizationDirectory(), c.files(),
                    c.helmCharts().get(), c.generatedOrigin());
        }
    },
    /** {@code cloud}, {@code kubernetesService.name/namespace}, {@code serviceAccount.name/projectId}. */
    IAM_POLICY_GENERATOR("IAMPolicyGenerator") {
        @Override
        Generator generator(PluginConfig c) {
            return new IAMPolicyGenerator(c.text("cloud"), c.text("kubernetesService", "name"),
                    c.text("kubernetesService", "namespace"), c.text("serviceAccount", "name"),
                    c.text("serviceAccount", "projectId"), c.generatedOrigin());
        }
    };

    private final String kind;

    BuiltinPluginType(String kind) {
        this.kind = kind;
    }

    /** The plugin's kind, as a configuration names it. */
    public String kind() {
        return kind;
    }

    /** The built-in plugin of a kind, if there is one. */
    public static Optional<BuiltinPluginType> of(String kind) {
        return Arrays.stream(values()).filter(t -> t.kind.equals(kind)).findFirst();
    }

    /** Whether it is a generator rather than a transformer. */
    public boolean isGenerator() {
        return name().endsWith("_GENERATOR");
    }

    /**
     * The transformer this configuration configures.
     *
     * @throws IllegalArgumentException when the configuration is invalid or the plugin is a generator
     */
    Transformer transformer(PluginConfig config) {
        throw new UnsupportedOperationException(kind + " is a generator");
    }

    /**
     * The generator this configuration configures.
     *
     * @throws IllegalArgumentException when the configuration is invalid or the plugin is a transformer
     */
    Generator generator(PluginConfig config) {
        throw new UnsupportedOperationException(kind + " is a transformer");
    }

    /** A generator's arguments; the name and namespace may also be the configuration's own. */
    private static GeneratorArgs generatorArgs(PluginConfig c) {
        GeneratorArgs args = c.types().generatorArgs(c.object(), c.object().path("kind").asText());
        String name = args.name().isEmpty() ? c.metadata("name") : args.name();
        String namespace = args.namespace().isEmpty() ? c.metadata("namespace") : args.namespace();
        return new GeneratorArgs(name, namespace, args.behavior(), args.literals(), args.files(), args.envs(),
                args.type(), args.options());
    }
}
