package io.gitops4j.core.git;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses symbolic links whose target leaves the checkout, as Argo CD refuses repositories with
 * out-of-bounds symlinks: absolute targets, and relative targets that climb above the root at
 * any step, resolved from the link's own folder. A target that goes through other links is
 * followed as the operating system would follow it (a link replaced by its own target, resolved
 * from its folder), so a chain of links that each look harmless but together leave the
 * checkout is refused too. A target that does not exist is fine as long as its path stays
 * inside. Nothing is ever followed on disk: each step is read with {@code lstat} semantics from
 * folders already known to be real.
 */
final class SymlinkBounds {

    /** Links followed for one target before giving up: Linux's limit ({@code MAXSYMLINKS}). */
    static final int MAX_LINKS = 40;

    private final Path root;
    private final Pattern separators;

    SymlinkBounds(Path root) {
        this.root = root;
        FileSystem fileSystem = root.getFileSystem();
        this.separators = Pattern.compile(fileSystem.getSeparator().equals("\\") ? "[/\\\\]" : "/");
    }

    /**
     * @param link the link's path in the checkout, with {@code /} between names
     * @throws UnsafeTreeException when its target, followed through every link, leaves the root
     */
    void check(String link) throws UnsafeTreeException {
        List<String> folder = new ArrayList<>(List.of(link.split("/")));
        folder.remove(folder.size() - 1);
        String target = target(link, link);
        if (climbsOut(folder, target)) {
            throw outside(link, target, link, target);
        }
        Deque<String> pending = new ArrayDeque<>();
        queue(pending, link, target, link, target);
        String lastLink = link;
        String lastTarget = target;
        int followed = 1;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (folder.isEmpty()) {
                    throw outside(link, target, lastLink, lastTarget);
                }
                folder.remove(folder.size() - 1);
                continue;
            }
            folder.add(name);
            String path = String.join("/", folder);
            if (Files.isSymbolicLink(resolve(link, target, folder))) {
                if (++followed > MAX_LINKS) {
                    throw new UnsafeTreeException("the symbolic link '" + link + "' points to '" + target
                            + "', which does not resolve within " + MAX_LINKS + " links (a loop?); make it point "
                            + "to a file in the repository");
                }
                lastLink = path;
                lastTarget = target(link, path);
                folder.remove(folder.size() - 1);
                queue(pending, link, target, lastLink, lastTarget);
            }
        }
    }

    /** Whether the target alone, read from the link's folder without following links, climbs above the root. */
    private boolean climbsOut(List<String> folder, String target) {
        int depth = folder.size();
        for (String name : separators.split(target, -1)) {
            if (name.equals("..")) {
                depth--;
            } else if (!name.isEmpty() && !name.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                return true;
            }
        }
        return false;
    }

    /** Puts the names of a link's target in front of what is left to resolve. */
    private void queue(Deque<String> pending, String link, String target, String via, String viaTarget)
            throws UnsafeTreeException {
        if (isAbsolute(viaTarget)) {
            throw outside(link, target, via, viaTarget);
        }
        String[] names = separators.split(viaTarget, -1);
        for (int i = names.length - 1; i >= 0; i--) {
            pending.addFirst(names[i]);
        }
    }

    private boolean isAbsolute(String target) {
        if (target.startsWith("/") || target.startsWith("\\")) {
            return true;
        }
        try {
            return root.getFileSystem().getPath(target).getRoot() != null;
        } catch (InvalidPathException e) {
            return true;
        }
    }

    private String target(String link, String path) throws UnsafeTreeException {
        try {
            return Files.readSymbolicLink(root.resolve(path)).toString();
        } catch (IOException | InvalidPathException e) {
            throw new UnsafeTreeException("the symbolic link '" + link + "' cannot be read back: " + e.getMessage());
        }
    }

    /** The folder path on disk; every name must be one name, never a root or a path of several. */
    private Path resolve(String link, String target, List<String> folder) throws UnsafeTreeException {
        Path path = root;
        for (String name : folder) {
            Path one;
            try {
                one = root.getFileSystem().getPath(name);
            } catch (InvalidPathException e) {
                throw outside(link, target, link, target);
            }
            if (one.getRoot() != null || one.getNameCount() != 1) {
                throw outside(link, target, link, target);
            }
            path = path.resolve(one);
        }
        return path;
    }

    private static UnsafeTreeException outside(String link, String target, String via, String viaTarget) {
        String where = via.equals(link)
                ? ", outside the repository"
                : ", which leads outside the repository through the link '" + via + "' (to '" + viaTarget + "')";
        return new UnsafeTreeException("the symbolic link '" + link + "' points to '" + target + "'" + where
                + "; links must stay inside the repository (Argo CD refuses such repositories too): make it a "
                + "relative link to a file in the repository, or commit the file itself");
    }
}
