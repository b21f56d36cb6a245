package io.gitops4j.k8s.sync;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels and annotations for the namespace {@code CreateNamespace=true} creates, Argo CD's
 * {@code spec.syncPolicy.managedNamespaceMetadata}. They are server-side applied, so a label
 * removed here is removed from the namespace too.
 *
 * @param labels the labels to set
 * @param annotations the annotations to set
 */
public record ManagedNamespaceMetadata(Map<String, String> labels, Map<String, String> annotations) {

    /** No labels, no annotations. */
    public static final ManagedNamespaceMetadata NONE = new ManagedNamespaceMetadata(Map.of(), Map.of());

    /**
     * Reads missing maps as empty, and copies them sorted by key.
     *
     * @param labels the labels to set
     * @param annotations the annotations to set
     */
    public ManagedNamespaceMetadata {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = annotations == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /**
     * Whether there is nothing to set.
     *
     * @return {@code true} when there are no labels and no annotations
     */
    public boolean isEmpty() {
        return labels.isEmpty() && annotations.isEmpty();
    }
}
