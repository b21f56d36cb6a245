package io.gitops4j.diff.ignore;

import java.util.List;

/**
 * One entry of Argo CD's {@code ignoreDifferences}: which objects it applies to and which of
 * their fields the comparison ignores. As in Argo CD, {@code group} and {@code kind} are globs
 * ({@code *}, {@code ?}): an empty group is the core group and {@code *} any group; the kind is
 * required ({@code *} for every kind). An empty name or namespace matches every object.
 *
 * @param group the API group, a glob (empty: the core group)
 * @param kind the kind, a glob (required)
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

    /**
     * Checks that the identity is given, and copies the lists.
     *
     * @param group the API group, a glob (empty: the core group)
     * @param kind the kind, a glob (required)
     * @param name the object name (empty: any)
     * @param namespace the namespace (empty: any)
     * @param jsonPointers RFC 6901 pointers to ignored fields
     * @param jqPathExpressions jq paths to ignored fields, such as
     *     {@code .spec.template.spec.initContainers[] | select(.name == "injected")}
     * @param managedFieldsManagers field managers whose fields are ignored
     * @throws IllegalArgumentException when a part of the identity is {@code null}
     */
    public IgnoreRule {
        if (group == null || kind == null || name == null || namespace == null) {
            throw new IllegalArgumentException("rule selectors must not be null (use \"\")");
        }
        jsonPointers = List.copyOf(jsonPointers);
        jqPathExpressions = List.copyOf(jqPathExpressions);
        managedFieldsManagers = List.copyOf(managedFieldsManagers);
    }

    /**
     * A rule ignoring JSON pointers in every object of a group and kind (globs).
     *
     * @param group the API group, a glob; empty for the core group
     * @param kind the kind, a glob
     * @param pointers RFC 6901 JSON pointers such as {@code /spec/replicas}
     * @return the rule
     */
    public static IgnoreRule pointers(String group, String kind, String... pointers) {
        return new IgnoreRule(group, kind, "", "", List.of(pointers), List.of(), List.of());
    }

    /**
     * How the rule is named in errors: {@code group/kind/namespace/name}, {@code *} for an unset name or namespace.
     *
     * @return the description
     */
    public String describe() {
        return "ignoreDifferences rule " + group + "/" + kind + "/" + orAny(namespace) + "/" + orAny(name);
    }

    private static String orAny(String selector) {
        return selector.isEmpty() ? "*" : selector;
    }
}
