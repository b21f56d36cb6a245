package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Argo CD {@code argoproj.io/v1alpha1} ApplicationSet manifests, unchanged, into
 * {@link ApplicationSet} values. Every error names the file, line and field.
 */
public final class ApplicationSets {

    private static final Set<String> SPEC_FIELDS = Set.of("generators", "template", "templatePatch", "goTemplate",
            "goTemplateOptions", "syncPolicy", "strategy", "preservedFields", "ignoreApplicationDifferences",
            "applyNestedSelectors");

    private ApplicationSets() {
    }

    /**
     * Reads every ApplicationSet of a YAML stream; other documents are skipped.
     *
     * @param yaml the YAML text, one or more documents
     * @param source the file name to report in errors
     * @return the ApplicationSets, in stream order
     * @throws io.gitops4j.kube.ManifestException when the YAML is malformed
     * @throws ApplicationSetException naming the file, line and field of an invalid ApplicationSet
     */
    public static List<ApplicationSet> read(String yaml, String source) {
        List<ApplicationSet> sets = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(yaml, source)) {
            if (KubernetesObjects.kind(document.body()).equals("ApplicationSet")
                    && KubernetesObjects.apiVersion(document.body()).startsWith("argoproj.io/")) {
                sets.add(read(document));
            }
        }
        return sets;
    }

    /**
     * Reads a YAML stream that must hold exactly one ApplicationSet.
     *
     * @param yaml the YAML text
     * @param source the file name to report in errors
     * @return the one ApplicationSet
     */
    public static ApplicationSet readOne(String yaml, String source) {
        List<ApplicationSet> sets = read(yaml, source);
        if (sets.size() != 1) {
            throw new ApplicationSetException(source + ": expected one argoproj.io ApplicationSet, found " + sets.size());
        }
        return sets.get(0);
    }

    private static ApplicationSet read(YamlDocument document) {
        JsonNode body = document.body();
        String name = KubernetesObjects.name(body);
        String where = document.location() + ": ApplicationSet " + (name.isEmpty() ? "(unnamed)" : name) + ": ";
        if (name.isEmpty()) {
            throw new ApplicationSetException(where + "metadata.name is required");
        }
        JsonNode spec = body.path("spec");
        if (!spec.isObject()) {
            throw new ApplicationSetException(where + "spec is required");
        }
        spec.fieldNames().forEachRemaining(field -> {
            if (!SPEC_FIELDS.contains(field)) {
                throw new ApplicationSetException(where + "spec." + field + " is not an ApplicationSet field");
            }
        });
        JsonNode generators = spec.path("generators");
        if (!generators.isArray() || generators.isEmpty()) {
            throw new ApplicationSetException(where + "spec.generators must list at least one generator");
        }
        if (!spec.path("template").isObject()) {
            throw new ApplicationSetException(where + "spec.template is required");
        }
        List<JsonNode> list = new ArrayList<>();
        generators.forEach(list::add);
        return new ApplicationSet(name, KubernetesObjects.namespace(body), body.path("metadata").path("uid").asText(""),
                list, (ObjectNode) spec.path("template"), templatePatch(spec, where), bool(spec, "goTemplate", where),
                strings(spec.path("goTemplateOptions"), where + "spec.goTemplateOptions"), syncPolicy(spec, where),
                spec.path("strategy"), document.location());
    }

    private static Optional<String> templatePatch(JsonNode spec, String where) {
        JsonNode patch = spec.path("templatePatch");
        if (patch.isMissingNode() || patch.isNull()) {
            return Optional.empty();
        }
        if (!patch.isTextual()) {
            throw new ApplicationSetException(where + "spec.templatePatch must be a string (a YAML or JSON template)");
        }
        return Optional.of(patch.asText());
    }

    private static ApplicationSetSyncPolicy syncPolicy(JsonNode spec, String where) {
        JsonNode policy = spec.path("syncPolicy");
        if (policy.isMissingNode() || policy.isNull()) {
            return ApplicationSetSyncPolicy.DEFAULTS;
        }
        ApplicationsSync sync = ApplicationsSync.SYNC;
        JsonNode value = policy.path("applicationsSync");
        if (!value.isMissingNode() && !value.isNull()) {
            try {
                sync = ApplicationsSync.fromValue(value.asText());
            } catch (IllegalArgumentException e) {
                throw new ApplicationSetException(where + "spec.syncPolicy." + e.getMessage());
            }
        }
        return new ApplicationSetSyncPolicy(sync, bool(policy, "preserveResourcesOnDeletion", where + "spec.syncPolicy."));
    }

    private static boolean bool(JsonNode parent, String field, String where) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ApplicationSetException(where + (where.endsWith(".") ? "" : "spec.") + field
                    + " must be true or false, not '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new ApplicationSetException(where + " must be a list of strings");
        }
        node.forEach(item -> values.add(item.asText()));
        return values;
    }
}
