package io.gitops4j.cluster;

import io.gitops4j.kube.LabelSelector;

/**
 * What to list or watch: one namespace or all of them, a label selector and a field selector.
 *
 * @param namespace the namespace, or empty for every namespace (and for cluster-scoped types)
 * @param labelSelector the objects' labels must match it
 * @param fieldSelector the objects' fields must match it
 */
public record ListOptions(String namespace, LabelSelector labelSelector, FieldSelector fieldSelector) {

    /**
     * Checks that no part is {@code null}.
     *
     * @param namespace the namespace, or empty for every namespace
     * @param labelSelector the label selector, {@link LabelSelector#everything()} for no restriction
     * @param fieldSelector the field selector, {@link FieldSelector#everything()} for no restriction
     * @throws IllegalArgumentException when a part is {@code null}
     */
    public ListOptions {
        if (namespace == null || labelSelector == null || fieldSelector == null) {
            throw new IllegalArgumentException("namespace and selectors must not be null");
        }
    }

    /**
     * Options with a namespace and a label selector, and no field selector.
     *
     * @param namespace the namespace, or empty for every namespace
     * @param labelSelector the label selector
     */
    public ListOptions(String namespace, LabelSelector labelSelector) {
        this(namespace, labelSelector, FieldSelector.everything());
    }

    /**
     * Every object of the type.
     *
     * @return options for every namespace without selectors
     */
    public static ListOptions all() {
        return new ListOptions("", LabelSelector.everything());
    }

    /**
     * Every object of the type in one namespace.
     *
     * @param namespace the namespace
     * @return options for that namespace without selectors
     */
    public static ListOptions inNamespace(String namespace) {
        return new ListOptions(namespace, LabelSelector.everything());
    }

    /**
     * The same options with a label selector such as {@code app=web,tier in (front,back)}.
     *
     * @param selector the label selector in the query-string form
     * @return a copy with that label selector
     * @throws IllegalArgumentException when the selector cannot be parsed
     */
    public ListOptions withLabelSelector(String selector) {
        return new ListOptions(namespace, LabelSelector.parse(selector), fieldSelector);
    }

    /**
     * The same options with a field selector such as {@code metadata.name=web}.
     *
     * @param selector the field selector in the query-string form
     * @return a copy with that field selector
     * @throws IllegalArgumentException when the selector cannot be parsed
     */
    public ListOptions withFieldSelector(String selector) {
        return new ListOptions(namespace, labelSelector, FieldSelector.parse(selector));
    }
}
