package io.gitops4j.core.model;

/**
 * Where an application's manifests come from: a Git repository, a revision and a path in it.
 *
 * @param repoURL the repository: {@code https://...}, {@code ssh://...}, {@code file://...} or a
 *     local path
 * @param targetRevision a branch, a tag, a commit SHA or {@code HEAD} (the default)
 * @param path the directory inside the repository; empty or {@code .} for the root
 * @param directory how a plain directory is read
 */
public record ApplicationSource(String repoURL, String targetRevision, String path, DirectoryOptions directory) {

    public ApplicationSource {
        if (repoURL == null || repoURL.isBlank()) {
            throw new IllegalArgumentException("an application source needs a repoURL");
        }
        targetRevision = targetRevision == null || targetRevision.isBlank() ? "HEAD" : targetRevision;
        path = path == null ? "" : path;
        directory = directory == null ? DirectoryOptions.defaults() : directory;
    }

    /** A source at {@code HEAD} of the repository root. */
    public static ApplicationSource of(String repoURL) {
        return new ApplicationSource(repoURL, "HEAD", "", DirectoryOptions.defaults());
    }

    /** The same source at another revision. */
    public ApplicationSource withTargetRevision(String revision) {
        return new ApplicationSource(repoURL, revision, path, directory);
    }

    /** The same source at another path. */
    public ApplicationSource withPath(String newPath) {
        return new ApplicationSource(repoURL, targetRevision, newPath, directory);
    }
}
