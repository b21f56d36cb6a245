package io.gitops4j.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.FieldNameSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field names of Argo CD's {@code argoproj.io/v1alpha1} AppProject (its CRD), block by block,
 * so that a field that is not one (a typo such as {@code sourceRepo} or {@code manualsync}) is
 * refused with its path and the field it probably meant, as {@code kubectl apply} refuses unknown
 * fields of a custom resource, instead of being ignored and widening or narrowing the policy.
 */
final class ProjectFields {

    /** Known fields by the path of their block ({@code []} marks a list's items). */
    static final Map<String, Set<String>> KNOWN = Map.ofEntries(
            Map.entry("", Set.of("apiVersion", "kind", "metadata", "spec", "status")),
            Map.entry("spec", Set.of("sourceRepos", "destinations", "description", "roles", "clusterResourceWhitelist",
                    "namespaceResourceBlacklist", "orphanedResources", "syncWindows", "namespaceResourceWhitelist",
                    "signatureKeys", "clusterResourceBlacklist", "sourceNamespaces", "permitOnlyProjectScopedClusters",
                    "destinationServiceAccounts", "sourceIntegrity")),
            Map.entry("spec.destinations[]", Set.of("server", "name", "namespace")),
            Map.entry("spec.clusterResourceWhitelist[]", Set.of("group", "kind", "name")),
            Map.entry("spec.clusterResourceBlacklist[]", Set.of("group", "kind", "name")),
            Map.entry("spec.namespaceResourceWhitelist[]", Set.of("group", "kind")),
            Map.entry("spec.namespaceResourceBlacklist[]", Set.of("group", "kind")),
            Map.entry("spec.syncWindows[]", Set.of("kind", "schedule", "duration", "applications", "namespaces", "clusters",
                    "manualSync", "timeZone", "andOperator", "description", "syncOverrun")));

    private ProjectFields() {
    }

    /**
     * Refuses the first field of {@code block} that Argo CD's AppProject does not have at
     * {@code path}.
     *
     * @param shown the path to print ({@code spec.syncWindows[2]})
     * @param where the file, line and project, to start the message with
     */
    static void requireKnown(JsonNode block, String path, String shown, String where) {
        Set<String> known = KNOWN.get(path);
        if (known == null || !block.isObject()) {
            return;
        }
        List<String> names = new ArrayList<>();
        block.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!known.contains(name)) {
                String prefix = shown.isEmpty() ? "" : shown + ".";
                throw new InvalidProjectException(where + prefix + name + " is not a field of an Argo CD AppProject"
                        + FieldNameSuggestions.nearest(name, known).map(n -> "; did you mean " + prefix + n + "?")
                                .orElse(" (known at " + (shown.isEmpty() ? "the top" : shown) + ": "
                                        + known.stream().sorted().toList() + ")"));
            }
        }
    }
}
