package io.gitops4j.core.git;

/**
 * What a {@code targetRevision} names now: the commit, and the ref it came from.
 *
 * @param repoURL the repository, without credentials
 * @param revision the revision asked for ({@code main}, {@code v1.2.*}, a SHA, ...)
 * @param commit the full commit SHA
 * @param ref the remote ref it resolved through ({@code refs/heads/main}, {@code refs/tags/v1.2.3},
 *     {@code HEAD}), or empty for a SHA
 */
public record ResolvedRevision(String repoURL, String revision, String commit, String ref) {
}
