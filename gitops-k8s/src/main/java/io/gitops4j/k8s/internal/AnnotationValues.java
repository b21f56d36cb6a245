package io.gitops4j.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a comma-separated annotation (hook types and delete policies, sync options,
 * an ApplySet parent's group-kinds and namespaces), as Argo CD and kubectl read them: split on
 * commas, each value trimmed, empty ones left out. Not API.
 */
public final class AnnotationValues {

    private AnnotationValues() {
    }

    /** The values of {@code annotation} on {@code object}; empty when it is absent or blank. */
    public static List<String> of(JsonNode object, String annotation) {
        List<String> values = new ArrayList<>();
        for (String value : KubernetesObjects.annotation(object, annotation).split(",")) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return List.copyOf(values);
    }
}
