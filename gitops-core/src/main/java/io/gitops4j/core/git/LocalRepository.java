package io.gitops4j.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A Git repository on the local disk that code can write commits to: for tests, demos and
 * examples that need a repository to reconcile from. Its {@link #url()} works as an
 * Application's {@code repoURL}.
 *
 * <pre>{@code
 * LocalRepository repo = LocalRepository.init(tempDir);
 * repo.write("app/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\n...");
 * String sha = repo.commit("add the app");
 * }</pre>
 */
public final class LocalRepository implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("GitOps4J", "gitops4j@example.com");

    private final Git git;
    private final Path directory;

    private LocalRepository(Git git, Path directory) {
        this.git = git;
        this.directory = directory;
    }

    /**
     * Creates an empty repository (default branch {@code main}) in a new or empty folder.
     *
     * @param directory the folder; created when missing
     * @return the repository, on branch {@code main} with no commit
     */
    public static LocalRepository init(Path directory) {
        try {
            Files.createDirectories(directory);
            Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
            return new LocalRepository(git, directory.toAbsolutePath());
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create a Git repository in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@return the URL to fetch it from ({@code file://...})} */
    public String url() {
        return directory.toUri().toString();
    }

    /** {@return the working folder} */
    public Path directory() {
        return directory;
    }

    /**
     * Writes a file in the working folder (not yet committed).
     *
     * @param path the file's path relative to the working folder, {@code /}-separated; missing folders are
     *     created
     * @param content the file's text, written as UTF-8
     * @return this repository
     */
    public LocalRepository write(String path, String content) {
        try {
            Path file = directory.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a file of the working folder.
     *
     * @param path the file's path relative to the working folder
     * @return the file's text, read as UTF-8
     */
    public String read(String path) {
        try {
            return Files.readString(directory.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a file from the working folder (not yet committed).
     *
     * @param path the file's path relative to the working folder
     * @return this repository
     */
    public LocalRepository delete(String path) {
        try {
            Files.delete(directory.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits every change of the working folder, additions and deletions; returns the SHA.
     *
     * @param message the commit message
     * @return the new commit's SHA
     */
    public String commit(String message) {
        return call(() -> {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call().name();
        });
    }

    /**
     * Commits a revert of the given commit (as {@code git revert}); returns the new SHA.
     *
     * @param sha the commit to revert
     * @return the new commit's SHA
     */
    public String revert(String sha) {
        return call(() -> {
            RevCommit reverted = git.revert().include(git.getRepository().resolve(sha)).call();
            if (reverted == null) {
                throw new IllegalStateException("reverting " + sha + " conflicts with later commits");
            }
            return reverted.name();
        });
    }

    /**
     * Creates a lightweight tag on the current commit.
     *
     * @param name the tag's name
     * @return this repository
     */
    public LocalRepository tag(String name) {
        call(() -> git.tag().setName(name).setAnnotated(false).call());
        return this;
    }

    /**
     * Creates an annotated tag on the current commit.
     *
     * @param name the tag's name
     * @param message the tag's message
     * @return this repository
     */
    public LocalRepository annotatedTag(String name, String message) {
        call(() -> git.tag().setName(name).setMessage(message).setTagger(AUTHOR).call());
        return this;
    }

    /**
     * Creates a branch at the current commit and switches to it.
     *
     * @param name the branch's name
     * @return this repository
     */
    public LocalRepository newBranch(String name) {
        call(() -> git.checkout().setCreateBranch(true).setName(name).call());
        return this;
    }

    /**
     * Switches to an existing branch.
     *
     * @param branch the branch's name
     * @return this repository
     */
    public LocalRepository switchTo(String branch) {
        call(() -> git.checkout().setName(branch).call());
        return this;
    }

    /**
     * Deletes a branch (not the current one).
     *
     * @param name the branch's name
     * @return this repository
     */
    public LocalRepository deleteBranch(String name) {
        call(() -> git.branchDelete().setBranchNames(name).setForce(true).call());
        return this;
    }

    @Override
    public void close() {
        git.close();
    }

    private interface GitCall<T> {
        T run() throws GitAPIException, IOException;
    }

    private <T> T call(GitCall<T> action) {
        try {
            return action.run();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("Git operation in " + directory + " failed: " + e.getMessage(), e);
        }
    }
}
