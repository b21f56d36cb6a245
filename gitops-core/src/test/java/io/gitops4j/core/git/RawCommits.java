package io.gitops4j.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * A bare repository whose commits are written object by object with JGit's low-level API
 * (ObjectInserter, TreeFormatter, CommitBuilder, RefUpdate), so a test can build trees that
 * {@code git} itself never writes: entries out of order, the same name twice, a symbolic link
 * and a folder of the same name, names Git reserves. Each {@link #commit} moves {@code main}.
 */
public final class RawCommits implements AutoCloseable {

    private static final PersonIdent AUTHOR = new PersonIdent("Mallory", "mallory@example.com");

    private final Repository repository;
    private final Path directory;

    private RawCommits(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /** Creates an empty bare repository whose default branch is {@code main}. */
    public static RawCommits init(Path directory) {
        try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(directory.toFile()).call()) {
            return new RawCommits(git.getRepository(), directory.toAbsolutePath());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL to fetch it from. */
    public String url() {
        return directory.toUri().toString();
    }

    /** The bare repository's folder. */
    public Path directory() {
        return directory;
    }

    /** Starts a tree whose entries are written exactly in the order they are added. */
    public Tree tree() {
        return new Tree();
    }

    /** Commits the tree on {@code main} (after the previous commit, if any); returns the SHA. */
    public String commit(ObjectId tree, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            ObjectId parent = repository.resolve(Constants.R_HEADS + "main");
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(AUTHOR);
            commit.setCommitter(AUTHOR);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + "main");
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("cannot move main: " + result);
            }
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    /** Entries of one tree, in the order added, duplicates kept. */
    public final class Tree {
        private final TreeFormatter formatter = new TreeFormatter();

        private Tree() {
        }

        /** A regular file. */
        public Tree file(String name, String content) {
            formatter.append(name, FileMode.REGULAR_FILE, blob(content));
            return this;
        }

        /** An executable file (mode 100755). */
        public Tree executable(String name, String content) {
            formatter.append(name, FileMode.EXECUTABLE_FILE, blob(content));
            return this;
        }

        /** A symbolic link; its blob is the target, as Git stores it. */
        public Tree symlink(String name, String target) {
            formatter.append(name, FileMode.SYMLINK, blob(target));
            return this;
        }

        /** A sub-tree. */
        public Tree tree(String name, ObjectId tree) {
            formatter.append(name, FileMode.TREE, tree);
            return this;
        }

        /** A sub-tree built inline. */
        public Tree tree(String name, Tree tree) {
            return tree(name, tree.build());
        }

        /** A submodule (a commit of another repository). */
        public Tree gitlink(String name, String commit) {
            formatter.append(name, FileMode.GITLINK, ObjectId.fromString(commit));
            return this;
        }

        /** Writes the tree; returns its id. */
        public ObjectId build() {
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                ObjectId id = inserter.insert(formatter);
                inserter.flush();
                return id;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes the tree and commits it on {@code main}; returns the commit SHA. */
        public String commit(String message) {
            return RawCommits.this.commit(build(), message);
        }

        private ObjectId blob(String content) {
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
                inserter.flush();
                return id;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
