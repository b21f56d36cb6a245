package io.gitops4j.k8s.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Optional;

/** Tracking by a label holding the application name (Argo CD's {@code label} method). */
final class LabelTracking implements ResourceTracking {

    /** The label Argo CD's label tracking writes ({@code application.instanceLabelKey}'s default). */
    static final String DEFAULT_LABEL = "app.kubernetes.io/instance";

    private static final int MAX_LABEL_VALUE = 63;

    private final String labelKey;

    LabelTracking(String labelKey) {
        if (labelKey == null || labelKey.isBlank()) {
            throw new IllegalArgumentException("a tracking label key must not be empty");
        }
        this.labelKey = labelKey;
    }

    @Override
    public ObjectNode mark(ObjectNode desired, String appName) {
        if (appName.length() > MAX_LABEL_VALUE) {
            throw new GitOpsException("application name '" + appName + "' is longer than "
                    + MAX_LABEL_VALUE + " characters and cannot be a label value; use annotation tracking");
        }
        ObjectNode copy = desired.deepCopy();
        KubernetesObjects.metadata(copy).with("labels").put(labelKey, appName);
        return copy;
    }

    @Override
    public Optional<String> owningApp(JsonNode live) {
        String value = live.path("metadata").path("labels").path(labelKey).asText("");
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
