package io.gitops4j.render.kustomize.internal.patch;

import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.LabelSelector;
import io.gitops4j.render.kustomize.internal.model.Selector;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The resources a {@link Selector} selects, as Kustomize selects patch and replacement targets:
 * name and namespace are anchored regular expressions matched against the original or the
 * current value (an empty namespace counts as {@code default}), group, version and kind as anchored
 * regular expressions against the current type, then the label and annotation selectors.
 */
public final class TargetSelection {

    private TargetSelection() {
    }

    /** The selected resources, in build order. */
    public static List<Resource> select(ResMap resources, Selector selector) {
        Predicate<String> name = regex(selector.name());
        Predicate<String> namespace = regex(selector.namespace());
        Predicate<String> group = regex(selector.type().group());
        Predicate<String> version = regex(selector.type().version());
        Predicate<String> kind = regex(selector.type().kind());
        Predicate<Map<String, String>> labels = selector.labelSelector().isEmpty()
                ? m -> true : LabelSelector.parse(selector.labelSelector())::matches;
        Predicate<Map<String, String>> annotations = selector.annotationSelector().isEmpty()
                ? m -> true : LabelSelector.parse(selector.annotationSelector())::matches;
        return resources.resources().stream()
                .filter(r -> namespace.test(r.originalId().effectiveNamespace()) || namespace.test(r.currentId().effectiveNamespace()))
                .filter(r -> name.test(r.originalId().name()) || name.test(r.name()))
                .filter(r -> group.test(Gvk.of(r.object()).group()) && version.test(Gvk.of(r.object()).version())
                        && kind.test(Gvk.of(r.object()).kind()))
                .filter(r -> labels.test(KubernetesObjects.labels(r.object())))
                .filter(r -> annotations.test(KubernetesObjects.annotations(r.object())))
                .toList();
    }

    private static Predicate<String> regex(String expression) {
        if (expression.isEmpty()) {
            return value -> true;
        }
        try {
            Pattern pattern = Pattern.compile("^(?:" + expression + ")$");
            return value -> pattern.matcher(value).matches();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + expression + "': " + e.getDescription());
        }
    }
}
