package io.gitops4j.diff.ignore;

import java.util.List;

/**
 * One entry of Argo CD's {@code ignoreDifferences}: which objects it applies to and which of
 * their fields the comparison ignores. Empty strings match everything; {@code kind} is a glob
 * ({@code *}, {@code ?}); {@code group} is exact ({@code ""} would match everything, so the core
 * group is matched by any group when left empty, as in Argo CD).
 *
 * @param group the API group (empty: any)
 * @param kind the kind, a glob (empty: any)
 * @param name the object name (empty: any)
 * @param namespace the namespace (empty: any)
 * @param jsonPointers RFC 6901 pointers to ignored fields
 * @param jqPathExpressions jq paths to ignored fields, such as
 *     {@code .spec.template.spec.initContainers[] | select(.name == "injected")}
 * @param managedFieldsManagers field managers whose fields are ignored
 */
public record IgnoreRule(
        String group,
        String kind,
        String name,
        String namespace,
        List<String> jsonPointers,
        List<String> jqPathExpressions,
        List<String> managedFieldsManagers) {

    public IgnoreRule {
        if (group == null || kind == null || name == null || namespace == null) {
            throw new IllegalArgumentException("rule selectors must not be null (use \"\")");
        }
        jsonPointers = List.copyOf(jsonPointers);
        jqPathExpressions = List.copyOf(jqPathExpressions);
        managedFieldsManagers = List.copyOf(managedFieldsManagers);
    }

    /** A rule ignoring JSON pointers in every object of a group and kind. */
    public static IgnoreRule pointers(String group, String kind, String... pointers) {
        return new IgnoreRule(group, kind, "", "", List.of(pointers), List.of(), List.of());
    }

    /** How the rule is named in errors: {@code group/kind/namespace/name} with {@code *} for "any". */
    public String describe() {
        return "ignoreDifferences rule " + orAny(group) + "/" + orAny(kind) + "/" + orAny(namespace) + "/" + orAny(name);
    }

    private static String orAny(String selector) {
        return selector.isEmpty() ? "*" : selector;
    }
}
