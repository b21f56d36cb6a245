package io.gitops4j.core.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of a commit into a new, empty folder: folders, regular and executable files,
 * and symbolic links. Submodules are left out. Like {@code git}, it never writes beyond a
 * symbolic link, and it refuses what {@code git} never writes:
 * <ul>
 * <li>a name Git reserves or that cannot be one name ({@link EntryNames});
 * <li>a path that appears twice (a tree may list a name twice, or a link and a folder of the
 *     same name, when it was not made by {@code git}); below a file, link or submodule nothing is
 *     written either, since only folders are entered;
 * <li>a symbolic link whose target leaves the folder ({@link SymlinkBounds}), checked once every
 *     entry is written.
 * </ul>
 * Every folder is created with {@code mkdir} (which fails on anything already there, a link
 * included), every file with {@code O_CREAT|O_EXCL|O_NOFOLLOW}, and the parent of every entry is
 * checked without following links to be a folder this extraction created, so a case-folding file
 * system that merges two names cannot redirect a write either.
 */
final class TreeExtractor {

    static final int MAX_LINK_TARGET = 4096;

    private TreeExtractor() {
    }

    static void extract(Repository repository, RevCommit commit, Path target) throws IOException, UnsafeTreeException {
        Path root = target.toAbsolutePath().normalize();
        EntryNames names = new EntryNames();
        Map<String, FileMode> written = new HashMap<>();
        List<String> links = new ArrayList<>();
        Set<Path> realFolders = new HashSet<>(Set.of(root));
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                String path = walk.getPathString();
                names.check(name(walk), path);
                FileMode mode = walk.getFileMode(0);
                FileMode earlier = written.putIfAbsent(path, mode);
                if (earlier != null) {
                    throw new UnsafeTreeException("the path '" + path + "' appears twice in the tree (" + kind(earlier)
                            + ", then " + kind(mode) + "); git never writes such a tree: rewrite the commit with git");
                }
                if (mode == FileMode.GITLINK) {
                    continue;
                }
                Path file = onDisk(root, path);
                requireRealFolder(root, file.getParent(), path, realFolders);
                write(repository, walk, mode, file, path);
                if (mode == FileMode.TREE) {
                    walk.enterSubtree();
                } else if (mode == FileMode.SYMLINK) {
                    links.add(path);
                }
            }
        }
        SymlinkBounds bounds = new SymlinkBounds(root);
        for (String link : links) {
            bounds.check(link);
        }
    }

    private static void write(Repository repository, TreeWalk walk, FileMode mode, Path file, String path)
            throws IOException, UnsafeTreeException {
        try {
            if (mode == FileMode.TREE) {
                Files.createDirectory(file);
            } else if (mode == FileMode.SYMLINK) {
                Files.createSymbolicLink(file, linkTarget(repository, walk, path));
            } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    repository.open(walk.getObjectId(0)).copyTo(out);
                }
                if (mode == FileMode.EXECUTABLE_FILE) {
                    markExecutable(file);
                }
            } else {
                throw new UnsafeTreeException("the entry '" + path + "' has the unknown file mode " + mode
                        + "; rewrite the commit with git");
            }
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeTreeException("the path '" + path + "' collides with another entry of the tree on this "
                    + "file system (names that differ only in case or Unicode form?); rename one of them");
        }
    }

    /** As {@code git checkout} does: {@code 755} where the file system has POSIX permissions. */
    private static void markExecutable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The target of a link: at most {@value #MAX_LINK_TARGET} bytes, as {@code PATH_MAX} on Linux. */
    private static Path linkTarget(Repository repository, TreeWalk walk, String path)
            throws IOException, UnsafeTreeException {
        ObjectLoader blob = repository.open(walk.getObjectId(0));
        if (blob.getSize() > MAX_LINK_TARGET) {
            throw new UnsafeTreeException("the symbolic link '" + path + "' has a target longer than " + MAX_LINK_TARGET
                    + " bytes; make it point to a file in the repository");
        }
        String text = new String(blob.getBytes(), StandardCharsets.UTF_8);
        try {
            if (text.isEmpty() || text.indexOf('\0') >= 0) {
                throw new InvalidPathException(text, "empty or holds a NUL");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UnsafeTreeException("the symbolic link '" + path + "' has a target this system cannot write ("
                    + e.getMessage() + "); make it point to a file in the repository");
        }
    }

    /** The raw name of the current entry, as the tree stores it (it may hold anything but NUL). */
    private static byte[] name(TreeWalk walk) {
        AbstractTreeIterator entry = walk.getTree(0, AbstractTreeIterator.class);
        byte[] name = new byte[entry.getNameLength()];
        entry.getName(name, 0);
        return name;
    }

    private static Path onDisk(Path root, String path) throws UnsafeTreeException {
        try {
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
                throw new UnsafeTreeException("the entry '" + path + "' lies outside the repository");
            }
            return file;
        } catch (InvalidPathException e) {
            throw new UnsafeTreeException("the entry '" + path + "' has a name this system cannot write ("
                    + e.getMessage() + "); rename it in the repository");
        }
    }

    /**
     * The folder an entry goes into, and each folder above it up to the root, must be a real
     * folder (not a link, not a file), each checked once without following links.
     */
    private static void requireRealFolder(Path root, Path folder, String path, Set<Path> realFolders)
            throws IOException, UnsafeTreeException {
        if (realFolders.contains(folder)) {
            return;
        }
        requireRealFolder(root, folder.getParent(), path, realFolders);
        BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
            throw new UnsafeTreeException("the entry '" + path + "' lies below '" + root.relativize(folder)
                    + "', which is not a folder; git never writes beyond a symbolic link: rewrite the commit with git");
        }
        realFolders.add(folder);
    }

    private static String kind(FileMode mode) {
        if (mode == FileMode.TREE) {
            return "a folder";
        }
        if (mode == FileMode.SYMLINK) {
            return "a symbolic link";
        }
        if (mode == FileMode.GITLINK) {
            return "a submodule";
        }
        return "a file";
    }
}
