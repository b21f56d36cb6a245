package io.gitops4j.diff.ignore;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlFields;
import java.util.ArrayList;
import java.util.List;

/** Reads Argo CD {@code ignoreDifferences} entries from JSON trees. */
public final class IgnoreRules {

    private IgnoreRules() {
    }

    /**
     * The rules of a list of entries with Argo CD's field names ({@code group}, {@code kind},
     * {@code name}, {@code namespace}, {@code jsonPointers}, {@code jqPathExpressions},
     * {@code managedFieldsManagers}).
     *
     *
     * @param list the entries, a JSON or YAML list
     * @param source the file or Application to name in errors
     * @return the rules, in order
     * @throws ManifestException naming {@code source} when the value is not a list of objects
     */
    public static List<IgnoreRule> fromJson(JsonNode list, String source) {
        if (!list.isArray()) {
            throw new ManifestException(source, 0, "ignoreDifferences must be a list of rules");
        }
        List<IgnoreRule> rules = new ArrayList<>();
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw new ManifestException(source, 0, "an ignoreDifferences rule must be a mapping, found " + entry);
            }
            rules.add(new IgnoreRule(
                    entry.path("group").asText(""),
                    entry.path("kind").asText(""),
                    entry.path("name").asText(""),
                    entry.path("namespace").asText(""),
                    strings(entry.path("jsonPointers"), "jsonPointers", source),
                    strings(entry.path("jqPathExpressions"), "jqPathExpressions", source),
                    strings(entry.path("managedFieldsManagers"), "managedFieldsManagers", source)));
        }
        return rules;
    }

    /** A list of scalars, each as text; empty when absent. */
    private static List<String> strings(JsonNode node, String field, String source) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : YamlFields.list(node, field, p -> new ManifestException(source, 0, "ignoreDifferences: "
                + p + ", found " + node))) {
            values.add(value.asText());
        }
        return values;
    }
}
