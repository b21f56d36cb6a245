package io.gitops4j.k8s.clusters;

/**
 * An Argo CD cluster Secret GitOps4J cannot use: the message names the Secret
 * ({@code namespace/name}), the key or field at fault and what to do, never a credential.
 */
public final class InvalidClusterSecretException extends ClusterRegistryException {

    private static final long serialVersionUID = 1L;

    /**
     * A cluster Secret that cannot be read.
     *
     * @param message what is wrong, naming the Secret and the field, never a value
     */
    public InvalidClusterSecretException(String message) {
        super(message);
    }
}
