package io.gitops4j.core.git;

import io.gitops4j.diff.GitOpsException;

/**
 * A Git repository could not be fetched, or a revision could not be found in it. Carries the
 * repository URL and the revision asked for.
 */
public class GitException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    private final String repoURL;
    private final String revision;

    public GitException(String repoURL, String revision, String message, Throwable cause) {
        super(message, cause);
        this.repoURL = repoURL;
        this.revision = revision;
    }

    /** The repository URL. */
    public String repoURL() {
        return repoURL;
    }

    /** The revision that was asked for. */
    public String revision() {
        return revision;
    }
}
