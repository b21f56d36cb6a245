package io.gitops4j.k8s.clusters;

import io.gitops4j.kube.GitOpsException;

/**
 * A cluster cannot be registered, or a destination names no registered cluster. The message
 * names the cluster (its name and its server URL, without credentials) and what to do; it never
 * holds a token, a password or a key.
 */
public class ClusterRegistryException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * A registration or resolution failure.
     *
     * @param message what failed, naming the cluster without credentials
     */
    public ClusterRegistryException(String message) {
        super(message);
    }
}
