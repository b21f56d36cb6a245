package io.gitops4j.kube;

/**
 * A manifest could not be read: malformed YAML or JSON, or a document that is not a Kubernetes
 * object. Carries the file and, when known, the 1-based line of the problem.
 */
public class ManifestException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** The file or source name the manifest came from. */
    private final String source;
    /** The 1-based line of the problem, or 0 when unknown. */
    private final int line;
    /** What is wrong, without the location. */
    private final String problem;

    /**
     * @param source the file (or other source name) the manifest came from
     * @param line the 1-based line of the problem, or 0 when unknown
     * @param problem what is wrong, without the location
     */
    public ManifestException(String source, int line, String problem) {
        super(format(source, line, problem));
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    private static String format(String source, int line, String problem) {
        return line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem;
    }

    /**
     * The file or source name the manifest came from.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * What is wrong, without the location.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }

    /**
     * The 1-based line of the problem, or 0 when unknown.
     *
     * @return the line
     */
    public int line() {
        return line;
    }
}
