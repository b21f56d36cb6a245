package io.gitops4j.k8s;

/**
 * What to list: one namespace or all of them, and a label selector.
 *
 * @param namespace the namespace to list, or empty for every namespace (and for cluster-scoped
 *     types)
 * @param labelSelector the objects' labels must match it
 */
public record ListOptions(String namespace, LabelSelector labelSelector) {

    public ListOptions {
        if (namespace == null || labelSelector == null) {
            throw new IllegalArgumentException("namespace and labelSelector must not be null");
        }
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
        return new ListOptions(namespace, LabelSelector.parse(selector));
    }
}
