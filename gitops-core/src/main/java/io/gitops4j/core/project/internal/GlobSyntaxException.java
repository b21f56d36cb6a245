package io.gitops4j.core.project.internal;

/** A glob pattern is malformed; the message is the reason, as gobwas/glob gives it. */
public final class GlobSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A malformed pattern, for the given reason. */
    public GlobSyntaxException(String reason) {
        super(reason);
    }
}
