package io.gitops4j.core.appset;

import java.util.List;

/**
 * Where the {@code git} generator reads a repository at a revision. {@link GitRepositoryFiles}
 * reads checkouts of a {@link io.gitops4j.core.git.GitSource}; a test may give its own.
 */
@FunctionalInterface
public interface RepositoryFiles {

    /**
     * The repository's files at the revision, held until the tree is closed.
     *
     * @param repoURL the repository
     * @param revision a branch, tag or commit
     * @return the tree, to close when done
     * @throws io.gitops4j.kube.GitOpsException when the repository or revision cannot be read
     */
    Tree open(String repoURL, String revision);

    /** The files of one commit. */
    interface Tree extends AutoCloseable {

        /**
         * {@return every directory, relative to the root with {@code /} separators, without hidden
         * directories (names starting with {@code .}) and what is under them, sorted}
         */
        List<String> directories();

        /**
         * {@return every regular file, relative to the root with {@code /} separators, sorted; none under
         * {@code .git}}
         */
        List<String> files();

        /**
         * The contents of a file listed by {@link #files()}.
         *
         * @param path a path as {@link #files()} lists it
         * @param maxBytes the largest size to read
         * @return the file's bytes
         * @throws ApplicationSetException when it is larger than {@code maxBytes} or cannot be read
         */
        byte[] read(String path, long maxBytes);

        @Override
        void close();
    }
}
