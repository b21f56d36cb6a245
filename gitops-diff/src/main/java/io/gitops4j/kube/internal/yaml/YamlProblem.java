package io.gitops4j.kube.internal.yaml;

/**
 * Why a YAML or JSON text could not be read, with the 1-based line (0 when unknown). The public
 * reader turns it into a {@code ManifestException} naming the source. Internal: not API.
 */
public final class YamlProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public YamlProblem(int line, String problem) {
        super(problem, null, false, false);
        this.line = line;
    }

    /** A limit of {@code YamlLimits} was exceeded: says which one and how to raise it. */
    static YamlProblem limit(int line, String what, String limit) {
        String wither = "with" + Character.toUpperCase(limit.charAt(0)) + limit.substring(1);
        return new YamlProblem(line, what + " (YamlLimits." + limit + "); if the input is trusted, raise the limit"
                + " with YamlLimits.defaults()." + wither + "(...)");
    }

    /** The 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return getMessage();
    }
}
