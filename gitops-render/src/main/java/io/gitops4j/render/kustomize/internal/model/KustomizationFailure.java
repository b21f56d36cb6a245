package io.gitops4j.render.kustomize.internal.model;

/**
 * A build failed where {@code kubectl kustomize} fails, because of the content of one
 * kustomization file. Internal: the renderer reports it as the public {@code KustomizeException},
 * so that the internal packages need nothing from the public one.
 */
public final class KustomizationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    /**
     * @param file the kustomization file, relative to the repository root
     * @param problem what is wrong, without the file
     */
    public KustomizationFailure(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The same, caused by {@code cause} (kept for debugging; the message says everything). */
    public KustomizationFailure(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The kustomization file, relative to the repository root. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file. */
    public String problem() {
        return problem;
    }
}
