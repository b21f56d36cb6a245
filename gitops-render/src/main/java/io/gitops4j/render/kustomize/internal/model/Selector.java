package io.gitops4j.render.kustomize.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.render.kustomize.internal.resource.Gvk;

/**
 * Which resources a patch, replacement or transformer targets: group, version and kind (empty
 * parts match anything), name and namespace as anchored regular expressions, and Kubernetes
 * label and annotation selectors.
 *
 * @param type group, version and kind
 * @param name a regular expression the whole name must match; empty matches any
 * @param namespace a regular expression the whole namespace must match; empty matches any
 * @param labelSelector a Kubernetes label selector; empty matches any
 * @param annotationSelector the same syntax, applied to annotations
 */
public record Selector(Gvk type, String name, String namespace, String labelSelector, String annotationSelector) {

    /** Reads {@code group, version, kind, name, namespace, labelSelector, annotationSelector}. */
    public static Selector read(JsonNode node) {
        return new Selector(Gvk.read(node), node.path("name").asText(""), node.path("namespace").asText(""),
                node.path("labelSelector").asText(""), node.path("annotationSelector").asText(""));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, "group", type.group());
        append(text, "version", type.version());
        append(text, "kind", type.kind());
        append(text, "name", name);
        append(text, "namespace", namespace);
        append(text, "labelSelector", labelSelector);
        append(text, "annotationSelector", annotationSelector);
        return text.toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (!value.isEmpty()) {
            text.append(text.length() == 0 ? "" : ", ").append(key).append('=').append(value);
        }
    }
}
