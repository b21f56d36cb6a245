package io.gitops4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.FieldNameSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field names of Argo CD's {@code argoproj.io/v1alpha1} Application, block by block, so that a
 * field that is not one (a typo such as {@code automatd}) is refused with its path and the field
 * it probably meant, as {@code kubectl apply} refuses unknown fields of a custom resource,
 * instead of being ignored and changing what is deployed.
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
     * Refuses the first field of {@code block} that Argo CD's Application does not have at
     * {@code path}.
     *
     * @param where the file, line and application, to start the message with
     * @throws InvalidApplicationException naming the field, its path and the nearest known field
     */
    static void requireKnown(JsonNode block, String path, String where) {
        requireKnown(block, path, path, where);
    }

    /**
     * As {@link #requireKnown(JsonNode, String, String)} for a block whose fields are those of
     * {@code schemaPath} but which is named {@code path} in messages (an entry of
     * {@code spec.sources} has the fields of {@code spec.source}).
     */
    static void requireKnown(JsonNode block, String schemaPath, String path, String where) {
        Set<String> known = KNOWN.get(schemaPath);
        if (known == null || !block.isObject()) {
            return;
        }
        List<String> names = new ArrayList<>();
        block.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!known.contains(name)) {
                String field = path.isEmpty() ? name : path + "." + name;
                throw new InvalidApplicationException(where + field + " is not a field of an Argo CD Application"
                        + FieldNameSuggestions.nearest(name, known).map(n -> "; did you mean " + (path.isEmpty() ? n : path + "." + n) + "?")
                                .orElse(" (known at " + (path.isEmpty() ? "the top" : path) + ": "
                                        + known.stream().sorted().toList() + ")"));
            }
        }
    }
}
