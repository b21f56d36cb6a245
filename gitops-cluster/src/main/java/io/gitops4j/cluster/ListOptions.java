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

    public ListOptions {
        if (namespace == null || labelSelector == null || fieldSelector == null) {
            throw new IllegalArgumentException("namespace and selectors must not be null");
        }
    }

    /** Options with a namespace and a label selector, and no field selector. */
    public ListOptions(String namespace, LabelSelector labelSelector) {
        this(namespace, labelSelector, FieldSelector.everything());
    }

    /** Every object of the type. */
    public static ListOptions all() {
        return new ListOptions("", LabelSelector.everything());
    }

    /** Every object of the type in one namespace. */
    public static ListOptions inNamespace(String namespace) {
        return new ListOptions(namespace, LabelSelector.everything());
    }

    /** The same options with a label selector such as {@code app=web,tier in (front,back)}. */
    public ListOptions withLabelSelector(String selector) {
        return new ListOptions(namespace, LabelSelector.parse(selector), fieldSelector);
    }

    /** The same options with a field selector such as {@code metadata.name=web}. */
    public ListOptions withFieldSelector(String selector) {
        return new ListOptions(namespace, labelSelector, FieldSelector.parse(selector));
    }
}
