package io.gitops4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.FieldNameSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The field names of Argo CD's {@code argoproj.io/v1alpha1} Application, block by block, so that a
 * field that is not one (a typo such as {@code automatd}) is reported with its path and the field
 * it probably meant ({@link ApplicationWarning}), as {@code kubectl apply} warns of the unknown
 * fields of a custom resource that the API server drops.
 */
final class ApplicationFields {

    /** Known fields by the path of their block. */
    static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("", Set.of("apiVersion", "kind", "metadata", "spec", "status", "operation")),
            Map.entry("spec", Set.of("project", "source", "sources", "destination", "syncPolicy", "ignoreDifferences",
                    "info", "revisionHistoryLimit", "sourceHydrator")),
            Map.entry("spec.destination", Set.of("server", "namespace", "name")),
            Map.entry("spec.syncPolicy", Set.of("automated", "syncOptions", "retry", "managedNamespaceMetadata")),
            Map.entry("spec.syncPolicy.automated", Set.of("prune", "selfHeal", "allowEmpty", "enabled")),
            Map.entry("spec.syncPolicy.retry", Set.of("limit", "backoff", "refresh")),
            Map.entry("spec.syncPolicy.retry.backoff", Set.of("duration", "factor", "maxDuration")),
            Map.entry("spec.syncPolicy.managedNamespaceMetadata", Set.of("labels", "annotations")),
            Map.entry("spec.source", Set.of("repoURL", "path", "targetRevision", "helm", "kustomize", "directory",
                    "plugin", "chart", "ref", "name")),
            Map.entry("spec.source.directory", Set.of("recurse", "include", "exclude", "jsonnet")),
            Map.entry("spec.source.kustomize", Set.of("namePrefix", "nameSuffix", "images", "commonLabels", "version",
                    "commonAnnotations", "forceCommonLabels", "forceCommonAnnotations", "namespace",
                    "commonAnnotationsEnvsubst", "replicas", "patches", "components", "labelWithoutSelector",
                    "labelIncludeTemplates", "kubeVersion", "apiVersions", "ignoreMissingComponents")),
            Map.entry("spec.source.helm", Set.of("valueFiles", "parameters", "releaseName", "values", "fileParameters",
                    "version", "passCredentials", "ignoreMissingValueFiles", "skipCrds", "valuesObject", "namespace",
                    "kubeVersion", "apiVersions", "skipTests", "skipSchemaValidation")),
            Map.entry("spec.source.plugin", Set.of("name", "env", "parameters")));

    private ApplicationFields() {
    }

    /**
     * A field Argo CD's Application does not have.
     *
     * @param field its path in messages, such as {@code spec.sources[1].helm.valuFiles}
     * @param suggestion the path of the known field it probably meant, or empty
     * @param known the fields of its block, sorted
     */
    record UnknownField(String field, Optional<String> suggestion, List<String> known) {
    }

    /**
     * The fields of {@code block} that Argo CD's Application does not have at {@code schemaPath}, in
     * the block's order; the block is named {@code path} in messages (an entry of
     * {@code spec.sources} has the fields of {@code spec.source}). Empty for a block that is not a
     * mapping or whose fields are not checked.
     */
    static List<UnknownField> unknown(JsonNode block, String schemaPath, String path) {
        Set<String> known = KNOWN.get(schemaPath);
        if (known == null || !block.isObject()) {
            return List.of();
        }
        List<String> sorted = known.stream().sorted().toList();
        String prefix = path.isEmpty() ? "" : path + ".";
        List<UnknownField> unknown = new ArrayList<>();
        block.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(new UnknownField(prefix + name,
                        FieldNameSuggestions.nearest(name, known).map(n -> prefix + n), sorted));
            }
        });
        return unknown;
    }
}
