package io.gitops4j.k8s.fabric8;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitops4j.k8s.ClusterException;
import java.util.Optional;

/** Turns fabric8's exceptions and Status answers into {@link ClusterException}s that say what failed. */
final class Fabric8Errors {

    private Fabric8Errors() {
    }

    static ClusterException toClusterException(String what, KubernetesClientException e) {
        Status status = e.getStatus();
        String reason = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        String statusReason = status != null && status.getReason() != null ? status.getReason() : "";
        return new ClusterException(e.getCode(), statusReason, "cannot " + what + ": " + reason, Optional.empty(), e);
    }
}
