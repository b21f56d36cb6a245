package io.gitops4j.core.git;

import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Redaction;

/**
 * A Git repository could not be fetched, a revision could not be found in it, or a commit's files
 * could not be checked out safely. Carries the repository URL (without credentials) and the
 * revision asked for.
 *
 * <p>Nothing in it holds credentials: the message and the URL are redacted with
 * {@link Redaction}, and a cause (JGit's exception, whose message may quote the URL) is kept only
 * as a redacted copy that prints with the original's class name.
 */
public class GitException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /** The repository URL, without credentials. */
    private final String repoURL;
    /** The revision that was asked for. */
    private final String revision;

    /**
     * @param repoURL the repository as the user wrote it; credentials are removed
     * @param revision the revision asked for
     * @param message what failed and what to do; credentials in it are removed
     * @param cause the underlying failure, or {@code null}; kept as a redacted copy
     */
    public GitException(String repoURL, String revision, String message, Throwable cause) {
        super(Redaction.text(message), cause == null ? null : RedactedException.of(cause, Redaction::text));
        this.repoURL = Redaction.url(repoURL);
        this.revision = revision;
    }

    /** {@return the repository URL, without credentials} */
    public String repoURL() {
        return repoURL;
    }

    /** {@return the revision that was asked for} */
    public String revision() {
        return revision;
    }
}
