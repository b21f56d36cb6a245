package io.gitops4j.render.kustomize.internal.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code configMapGenerator} or {@code secretGenerator}.
 *
 * @param name the object name (before prefix, suffix and hash)
 * @param namespace the namespace; empty when not set
 * @param behavior {@code create}, {@code merge} or {@code replace}
 * @param literals {@code KEY=VALUE} entries
 * @param files {@code [KEY=]PATH} entries
 * @param envs env files of {@code KEY=VALUE} lines
 * @param type the Secret type; empty for ConfigMaps and for {@code Opaque}
 * @param options this generator's options, merged over {@code generatorOptions}
 */
public record GeneratorArgs(String name, String namespace, String behavior, List<String> literals,
        List<String> files, List<String> envs, String type, GeneratorOptions options) {

    /** The same entry with other options. */
    public GeneratorArgs withOptions(GeneratorOptions newOptions) {
        return new GeneratorArgs(name, namespace, behavior, literals, files, envs, type, newOptions);
    }

    /**
     * Labels, annotations and flags for generated objects.
     *
     * @param labels labels to add
     * @param annotations annotations to add
     * @param disableNameSuffixHash no content-hash suffix when true
     * @param immutable set {@code immutable: true}
     */
    public record GeneratorOptions(Map<String, String> labels, Map<String, String> annotations,
            Boolean disableNameSuffixHash, Boolean immutable) {

        public static final GeneratorOptions NONE = new GeneratorOptions(Map.of(), Map.of(), null, null);

        /** These options with {@code override}'s labels, annotations and set flags on top. */
        public GeneratorOptions overriddenBy(GeneratorOptions override) {
            Map<String, String> mergedLabels = new LinkedHashMap<>(labels);
            mergedLabels.putAll(override.labels);
            Map<String, String> mergedAnnotations = new LinkedHashMap<>(annotations);
            mergedAnnotations.putAll(override.annotations);
            return new GeneratorOptions(mergedLabels, mergedAnnotations,
                    override.disableNameSuffixHash != null ? override.disableNameSuffixHash : disableNameSuffixHash,
                    override.immutable != null ? override.immutable : immutable);
        }
    }
}
