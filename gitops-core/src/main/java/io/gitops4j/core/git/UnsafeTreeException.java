package io.gitops4j.core.git;

/**
 * A commit's tree holds something a checkout must not write: a path written twice, a name Git
 * reserves, a symbolic link whose target leaves the repository. The message says what and what
 * to do; {@link GitSource} adds the repository and revision.
 */
final class UnsafeTreeException extends Exception {

    private static final long serialVersionUID = 1L;

    UnsafeTreeException(String message) {
        super(message, null, false, false);
    }
}
