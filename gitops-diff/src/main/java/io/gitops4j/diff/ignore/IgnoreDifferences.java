package io.gitops4j.diff.ignore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.fields.FieldSet;
import io.gitops4j.diff.fields.ManagedFieldsEntry;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Argo CD's {@code ignoreDifferences}, compiled: the application's rules plus global rules (Argo
 * CD's {@code resource.customizations.ignoreDifferences.<group_kind>}, given as rules with a group
 * and kind). A rule's JSON pointers and jq paths are removed from the desired, live and
 * last-applied objects alike before they are compared; the fields its managers own in the live
 * object ({@code managedFieldsManagers}) are removed from all of them too. A pointer or path that
 * matches nothing is ignored; an invalid one fails at construction, naming the rule.
 */
public final class IgnoreDifferences {

    private static final IgnoreDifferences NONE = new IgnoreDifferences(List.of());

    private final List<CompiledRule> rules;

    private IgnoreDifferences(List<CompiledRule> rules) {
        this.rules = rules;
    }

    /**
     * No rules.
     *
     * @return the empty rules
     */
    public static IgnoreDifferences none() {
        return NONE;
    }

    /**
     * Compiles rules.
     *
     *
     * @param rules the rules, in order
     * @return the compiled rules
     * @throws IgnoreRuleException naming the rule when a pointer or jq expression is invalid
     */
    public static IgnoreDifferences of(List<IgnoreRule> rules) {
        List<CompiledRule> compiled = new ArrayList<>();
        rules.forEach(rule -> compiled.add(new CompiledRule(rule)));
        return compiled.isEmpty() ? NONE : new IgnoreDifferences(List.copyOf(compiled));
    }

    /**
     * These rules followed by {@code more} (for example the global rules).
     *
     * @param more the rules to apply after these
     * @return the combined rules
     */
    public IgnoreDifferences and(IgnoreDifferences more) {
        if (more.rules.isEmpty()) {
            return this;
        }
        List<CompiledRule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new IgnoreDifferences(List.copyOf(all));
    }

    /**
     * Reads a YAML list of Argo CD {@code ignoreDifferences} entries (the value of an
     * Application's {@code spec.ignoreDifferences}).
     *
     *
     * @param yaml the YAML text, a list
     * @param source the file or Application to name in errors
     * @return the compiled rules
     * @throws ManifestException naming the source when the YAML is not such a list
     * @throws IgnoreRuleException naming the rule when a pointer or jq expression is invalid
     */
    public static IgnoreDifferences parse(String yaml, String source) {
        JsonNode list = Yaml.readValue(yaml, source);
        if (YamlFields.isAbsent(list)) {
            return NONE;
        }
        return of(IgnoreRules.fromJson(list, source));
    }

    /**
     * Whether there are no rules.
     *
     * @return {@code true} when there are none
     */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The rules, in order.
     *
     * @return the rules as given
     */
    public List<IgnoreRule> rules() {
        return rules.stream().map(CompiledRule::rule).toList();
    }

    /**
     * {@code object} without the fields the rules matching {@code identity} ignore. Modifies and
     * returns {@code object} (or a replacement from jq).
     *
     *
     * @param object the object to remove the fields from (desired, live or predicted)
     * @param identity the object whose group, kind, name and namespace select the rules (the desired object)
     * @param live the live object, whose managed fields name what {@code managedFieldsManagers} own
     * @return the object without the ignored fields
     */
    public ObjectNode removeIgnored(ObjectNode object, JsonNode identity, JsonNode live) {
        ObjectNode result = object;
        for (CompiledRule rule : rules) {
            if (!rule.matches(identity)) {
                continue;
            }
            result = rule.removeFields(result);
            FieldSet managed = managedBy(live, rule.rule().managedFieldsManagers());
            if (!managed.isEmpty()) {
                result = managed.removeFrom(result);
            }
        }
        return result;
    }

    private static FieldSet managedBy(JsonNode live, List<String> managers) {
        if (managers.isEmpty() || live == null) {
            return FieldSet.empty();
        }
        FieldSet owned = FieldSet.empty();
        for (ManagedFieldsEntry entry : ManagedFieldsEntry.of(live)) {
            if (managers.contains(entry.manager())) {
                owned = owned.union(entry.fields());
            }
        }
        return owned;
    }
}
