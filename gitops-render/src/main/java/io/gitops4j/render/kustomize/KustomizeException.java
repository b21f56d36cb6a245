package io.gitops4j.render.kustomize;

import io.gitops4j.render.source.RenderException;

/**
 * A Kustomize build failed where {@code kubectl kustomize} fails too. The message starts with the
 * kustomization file (relative to the repository root) whose content caused the failure.
 */
public class KustomizeException extends RenderException {

    private static final long serialVersionUID = 1L;

    /** The kustomization file, relative to the repository root. */
    private final String kustomizationFile;

    /**
     * @param kustomizationFile the kustomization file, relative to the repository root
     * @param problem what is wrong, without the file
     */
    public KustomizeException(String kustomizationFile, String problem) {
        super(kustomizationFile + ": " + problem);
        this.kustomizationFile = kustomizationFile;
    }

    /**
     * @param kustomizationFile the kustomization file, relative to the repository root
     * @param problem what is wrong, without the file
     * @param cause the failure behind it
     */
    public KustomizeException(String kustomizationFile, String problem, Throwable cause) {
        super(kustomizationFile + ": " + problem, cause);
        this.kustomizationFile = kustomizationFile;
    }

    /**
     * The kustomization file, relative to the repository root, whose content failed.
     *
     * @return the path, with {@code /} separators
     */
    public String kustomizationFile() {
        return kustomizationFile;
    }
}
