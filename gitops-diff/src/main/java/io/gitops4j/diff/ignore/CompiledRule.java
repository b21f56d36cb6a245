package io.gitops4j.diff.ignore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An {@link IgnoreRule} checked and compiled once: its kind glob, pointers and jq programs. */
final class CompiledRule {

    private final IgnoreRule rule;
    private final Pattern group;
    private final Pattern kind;
    private final List<FieldPointer> pointers = new ArrayList<>();
    private final List<JqDeletion> jqDeletions = new ArrayList<>();

    CompiledRule(IgnoreRule rule) {
        this.rule = rule;
        if (rule.kind().isEmpty()) {
            throw new IgnoreRuleException(rule.describe() + ": kind is required (use * for every kind)");
        }
        this.group = glob(rule.group());
        this.kind = glob(rule.kind());
        for (String pointer : rule.jsonPointers()) {
            pointers.add(FieldPointer.parse(pointer, rule));
        }
        for (String expression : rule.jqPathExpressions()) {
            jqDeletions.add(JqDeletion.compile(expression, rule));
        }
    }

    IgnoreRule rule() {
        return rule;
    }

    boolean matches(JsonNode object) {
        return group.matcher(GroupVersion.parse(KubernetesObjects.apiVersion(object)).group()).matches()
                && kind.matcher(KubernetesObjects.kind(object)).matches()
                && (rule.name().isEmpty() || rule.name().equals(KubernetesObjects.name(object)))
                && (rule.namespace().isEmpty() || rule.namespace().equals(KubernetesObjects.namespace(object)));
    }

    /** Removes the rule's pointer and jq fields from {@code object} (in place) and returns it. */
    ObjectNode removeFields(ObjectNode object) {
        for (FieldPointer pointer : pointers) {
            pointer.removeFrom(object);
        }
        ObjectNode result = object;
        for (JqDeletion deletion : jqDeletions) {
            result = deletion.apply(result);
        }
        return result;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
