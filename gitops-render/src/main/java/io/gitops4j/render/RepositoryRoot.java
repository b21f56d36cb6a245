package io.gitops4j.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of a checked-out repository, and the security boundary around it: nothing is ever
 * read from outside it, whether through {@code ..} in a path or through a symbolic link.
 */
public final class RepositoryRoot {

    private final Path root;

    private RepositoryRoot(Path root) {
        this.root = root;
    }

    /**
     * @param directory an existing directory holding a checked-out repository
     * @throws RenderException when it does not exist
     */
    public static RepositoryRoot of(Path directory) {
        try {
            return new RepositoryRoot(directory.toRealPath());
        } catch (IOException e) {
            throw new RenderException("repository directory " + directory + " does not exist", e);
        }
    }

    /** The real (symlink-free, absolute) path of the root. */
    public Path path() {
        return root;
    }

    /**
     * Resolves a path written relative to the repository root, as in an Application's
     * {@code source.path}. A leading {@code /} still means the repository root; an empty path or
     * {@code .} is the root itself.
     *
     * @throws RenderException when the path leaves the repository or does not exist
     */
    public Path resolve(String relativePath) {
        String trimmed = relativePath.replaceFirst("^/+", "");
        Path candidate = root.resolve(trimmed.isEmpty() ? "." : trimmed).normalize();
        if (!candidate.startsWith(root)) {
            throw new RenderException("path '" + relativePath + "' leaves the repository root; "
                    + "use a path inside the repository");
        }
        if (!Files.exists(candidate)) {
            throw new RenderException("path '" + relativePath + "' does not exist in the repository");
        }
        requireInside(candidate, relativePath);
        return candidate;
    }

    /**
     * Checks that an existing file or directory, after following symbolic links, is inside the
     * repository.
     *
     * @throws RenderException naming {@code displayName} when it is not
     */
    public void requireInside(Path path, String displayName) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!real.startsWith(root)) {
            throw new RenderException("'" + displayName + "' is a symbolic link to " + real
                    + ", outside the repository; links may only point inside the repository");
        }
    }

    /** The path relative to the root with {@code /} separators, for messages. */
    public String display(Path path) {
        String relative = root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
