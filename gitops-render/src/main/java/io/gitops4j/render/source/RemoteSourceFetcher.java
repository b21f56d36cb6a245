package io.gitops4j.render.source;

import java.nio.file.Path;

/**
 * Fetches another Git repository for a Kustomize remote base
 * ({@code https://github.com/org/repo//path?ref=v1}). gitops-render knows nothing of Git;
 * gitops-core implements this with its Git source and cache. Remote bases are refused unless a
 * fetcher is configured.
 */
@FunctionalInterface
public interface RemoteSourceFetcher {

    /**
     * @param repoURL the repository, as Git understands it
     * @param ref a branch, tag or commit; empty for the default branch
     * @return the directory holding the files of that revision (treated as read-only)
     * @throws io.gitops4j.kube.GitOpsException when the repository or revision cannot be fetched
     */
    Path fetch(String repoURL, String ref);
}
