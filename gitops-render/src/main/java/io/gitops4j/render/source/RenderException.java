package io.gitops4j.render.source;

import io.gitops4j.kube.GitOpsException;

/**
 * Manifests could not be rendered from a source directory: the path is missing or leaves the
 * repository, a file cannot be read, or a renderer failed. Malformed manifests are reported as
 * {@link io.gitops4j.kube.ManifestException} with their file and line instead.
 */
public class RenderException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * A rendering failure.
     *
     * @param message what failed, naming the source
     */
    public RenderException(String message) {
        super(message);
    }

    /**
     * A rendering failure caused by another exception.
     *
     * @param message what failed, naming the source
     * @param cause the underlying failure
     */
    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
