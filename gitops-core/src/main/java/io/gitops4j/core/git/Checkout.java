package io.gitops4j.core.git;

import java.nio.file.Path;

/**
 * The files of one commit, extracted into a folder of the Git cache. The folder is shared by
 * every user of the same commit and must be treated as read-only.
 *
 * @param repoURL the repository, without credentials (see {@link io.gitops4j.kube.Redaction})
 * @param revision the full commit SHA
 * @param directory the folder holding the commit's files
 * @param message the first line of the commit message
 */
public record Checkout(String repoURL, String revision, Path directory, String message) {

    /** {@return the first seven characters of the SHA, as Git prints it} */
    public String shortRevision() {
        return revision.substring(0, Math.min(7, revision.length()));
    }
}
