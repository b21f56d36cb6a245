package io.gitops4j.core.appset;

import io.gitops4j.core.git.CheckoutLease;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Reads repositories for the {@code git} generator from checkouts of a {@link GitSource}: the
 * revision is resolved and checked out as for any application (shared cache, credentials,
 * timeouts), and held by a lease while the generator reads it. Symbolic links are not followed.
 */
public final class GitRepositoryFiles implements RepositoryFiles {

    private final GitSource git;

    /**
     * Files read through a Git cache.
     *
     * @param git the Git cache, with its credentials and timeouts
     */
    public GitRepositoryFiles(GitSource git) {
        this.git = Objects.requireNonNull(git, "git");
    }

    @Override
    public Tree open(String repoURL, String revision) {
        CheckoutLease lease = git.lease(repoURL, revision.isEmpty() ? "HEAD" : revision);
        return new CheckoutTree(lease, repoURL);
    }

    private static final class CheckoutTree implements Tree {
        private final CheckoutLease lease;
        private final Path root;
        private final String repoURL;
        private List<String> directories;
        private List<String> files;

        CheckoutTree(CheckoutLease lease, String repoURL) {
            this.lease = lease;
            this.root = lease.checkout().directory();
            this.repoURL = repoURL;
        }

        @Override
        public synchronized List<String> directories() {
            if (directories == null) {
                walk();
            }
            return directories;
        }

        @Override
        public synchronized List<String> files() {
            if (files == null) {
                walk();
            }
            return files;
        }

        private void walk() {
            List<String> dirs = new ArrayList<>();
            List<String> regular = new ArrayList<>();
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        String name = dir.getFileName().toString();
                        if (name.equals(".git")) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (!name.startsWith(".")) {
                            dirs.add(relative(dir));
                            return FileVisitResult.CONTINUE;
                        }
                        return FileVisitResult.CONTINUE; // hidden: no directory entry, but its files are files
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            regular.add(relative(file));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new ApplicationSetException("cannot list the files of " + Redaction.url(repoURL) + " at "
                        + lease.checkout().shortRevision() + ": " + e.getMessage(), e);
            }
            dirs.removeIf(d -> hiddenAncestor(d));
            Collections.sort(dirs);
            Collections.sort(regular);
            directories = List.copyOf(dirs);
            files = List.copyOf(regular);
        }

        private static boolean hiddenAncestor(String path) {
            for (String segment : path.split("/")) {
                if (segment.startsWith(".")) {
                    return true;
                }
            }
            return false;
        }

        private String relative(Path path) {
            return root.relativize(path).toString().replace('\\', '/');
        }

        @Override
        public byte[] read(String path, long maxBytes) {
            Path file = root.resolve(path).normalize();
            try {
                if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ApplicationSetException(path + " is not a file of " + Redaction.url(repoURL));
                }
                long size = Files.size(file);
                if (size > maxBytes) {
                    throw new ApplicationSetException(path + " of " + Redaction.url(repoURL) + " has " + size
                            + " bytes, more than the limit of " + maxBytes + "; make it smaller or exclude it");
                }
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ApplicationSetException("cannot read " + path + " of " + Redaction.url(repoURL) + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
