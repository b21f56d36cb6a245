package io.gitops4j.core.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of a commit into an empty folder: regular and executable files, and symbolic
 * links (whose targets the renderer later checks stay inside the repository). Submodules are
 * left out. An entry whose path would leave the folder is refused.
 */
final class TreeExtractor {

    private TreeExtractor() {
    }

    static void extract(Repository repository, RevCommit commit, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                Path file = root.resolve(walk.getPathString()).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    throw new IOException("the commit holds an entry outside the repository: " + walk.getPathString());
                }
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                if (mode == FileMode.SYMLINK) {
                    byte[] linkTarget = repository.open(walk.getObjectId(0)).getBytes();
                    Files.createSymbolicLink(file, Path.of(new String(linkTarget, StandardCharsets.UTF_8)));
                } else {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        repository.open(walk.getObjectId(0)).copyTo(out);
                    }
                }
            }
        }
    }
}
