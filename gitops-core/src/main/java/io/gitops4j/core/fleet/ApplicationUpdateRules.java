package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.diff.ignore.IgnoreRuleException;
import io.gitops4j.kube.GitOpsException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an update of a generated Application keeps of the object in the cluster, as Argo CD's
 * applicationset-controller reads an ApplicationSet's spec: {@code preservedFields.annotations}
 * and {@code preservedFields.labels} (those keys keep their values in the cluster, whatever the
 * template says) and {@code ignoreApplicationDifferences} (each entry's {@code jsonPointers} and
 * {@code jqPathExpressions}, for the Applications of its {@code name} or all of them: those fields
 * are neither compared nor overwritten, so a user's change there stays, and an Application that
 * differs only there is not written).
 *
 * @param preservedAnnotations annotation keys kept on update
 * @param preservedLabels label keys kept on update
 * @param ignored the fields of the generated Applications not overwritten, one rule per entry
 */
public record ApplicationUpdateRules(List<String> preservedAnnotations, List<String> preservedLabels,
        List<IgnoreRule> ignored) {

    /** Nothing preserved, nothing ignored. */
    public static final ApplicationUpdateRules NONE = new ApplicationUpdateRules(List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param preservedAnnotations annotation keys kept on update
     * @param preservedLabels label keys kept on update
     * @param ignored the fields of the generated Applications not overwritten, one rule per entry
     * @throws IgnoreRuleException naming the rule when a pointer or jq expression is invalid
     */
    public ApplicationUpdateRules {
        preservedAnnotations = List.copyOf(preservedAnnotations);
        preservedLabels = List.copyOf(preservedLabels);
        ignored = List.copyOf(ignored);
        IgnoreDifferences.of(ignored);   // every pointer and jq expression checked now, not at the first update
    }

    /**
     * Reads the rules of an ApplicationSet object.
     *
     * @param set the ApplicationSet object (its {@code spec} is read)
     * @param source the set, for messages
     * @return the rules; {@link #NONE} when it has neither field
     * @throws GitOpsException naming the set and the field when a key is not a string or a pointer
     *     or jq expression is invalid
     */
    public static ApplicationUpdateRules of(JsonNode set, String source) {
        JsonNode spec = set.path("spec");
        List<String> annotations = strings(spec.path("preservedFields").path("annotations"),
                source + ": spec.preservedFields.annotations");
        List<String> labels = strings(spec.path("preservedFields").path("labels"), source + ": spec.preservedFields.labels");
        List<IgnoreRule> rules = new ArrayList<>();
        JsonNode entries = spec.path("ignoreApplicationDifferences");
        if (!entries.isMissingNode() && !entries.isNull() && !entries.isArray()) {
            throw new GitOpsException(source + ": spec.ignoreApplicationDifferences is not a list");
        }
        int index = 0;
        for (JsonNode entry : entries) {
            String where = source + ": spec.ignoreApplicationDifferences[" + index++ + "]";
            rules.add(new IgnoreRule("argoproj.io", "Application", entry.path("name").asText(""), "",
                    strings(entry.path("jsonPointers"), where + ".jsonPointers"),
                    strings(entry.path("jqPathExpressions"), where + ".jqPathExpressions"), List.of()));
        }
        try {
            return new ApplicationUpdateRules(annotations, labels, rules);
        } catch (IgnoreRuleException e) {
            throw new GitOpsException(source + ": spec.ignoreApplicationDifferences: " + e.getMessage(), e);
        }
    }

    /**
     * The object to write: {@code wanted}, except that the ignored fields keep their values of
     * {@code live} (as Argo CD, a merge patch from the live object without them to the wanted one
     * without them, applied to the live object).
     *
     * @param live the Application in the cluster
     * @param wanted the generated Application merged over it
     * @return the object to write; equal to {@code live} when they differ only in ignored fields
     */
    ObjectNode keepIgnored(ObjectNode live, ObjectNode wanted) {
        if (ignored.isEmpty()) {
            return wanted;
        }
        IgnoreDifferences rules = IgnoreDifferences.of(ignored);
        ObjectNode liveWithout = rules.removeIgnored(live.deepCopy(), wanted, live);
        ObjectNode wantedWithout = rules.removeIgnored(wanted.deepCopy(), wanted, live);
        return (ObjectNode) MergePatch.apply(live.deepCopy(), MergePatch.between(liveWithout, wantedWithout));
    }

    /** The preserved annotations and labels of {@code live} copied into {@code merged}'s metadata. */
    void preserve(ObjectNode live, ObjectNode mergedMetadata) {
        copy(live.path("metadata").path("annotations"), preservedAnnotations, mergedMetadata, "annotations");
        copy(live.path("metadata").path("labels"), preservedLabels, mergedMetadata, "labels");
    }

    private static void copy(JsonNode from, List<String> keys, ObjectNode metadata, String field) {
        for (String key : keys) {
            if (from.has(key)) {
                JsonNode to = metadata.path(field);
                (to.isObject() ? (ObjectNode) to : metadata.putObject(field)).set(key, from.get(key));
            }
        }
    }

    private static List<String> strings(JsonNode list, String where) {
        List<String> values = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return values;
        }
        if (!list.isArray()) {
            throw new GitOpsException(where + " is not a list of strings");
        }
        for (JsonNode value : list) {
            if (!value.isTextual()) {
                throw new GitOpsException(where + " holds " + value + ", not a string");
            }
            values.add(value.asText());
        }
        return values;
    }
}
