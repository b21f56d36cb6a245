package io.gitops4j.render.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The root of a checked-out repository, and the one security boundary around it: every file
 * gitops-render reads (plain manifests, everything a kustomization loads, Helm charts and values
 * files) is resolved here to its real path, symbolic links followed, and read only when that path
 * is inside the root. A path that leaves the repository, through {@code ..} or a link, is refused
 * with a {@link RenderException} naming it; links that stay inside the repository work.
 */
public final class RepositoryRoot {

    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8L;

    private final Path root;

    private RepositoryRoot(Path root) {
        this.root = root;
    }

    /**
     * @param directory an existing directory holding a checked-out repository
     * @return the root, at the directory's real path
     * @throws RenderException when it does not exist
     */
    public static RepositoryRoot of(Path directory) {
        try {
            return new RepositoryRoot(directory.toRealPath());
        } catch (IOException e) {
            throw new RenderException("repository directory " + directory + " does not exist", e);
        }
    }

    /**
     * The real (symlink-free, absolute) path of the root.
     *
     * @return the path
     */
    public Path path() {
        return root;
    }

    /**
     * Resolves a path written relative to the repository root, as in an Application's
     * {@code source.path}. A leading {@code /} still means the repository root; an empty path or
     * {@code .} is the root itself.
     *
     *
     * @param relativePath the path relative to the repository root, with {@code /} separators
     * @return the real path (symbolic links resolved), inside the repository
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
        return realPath(candidate, relativePath);
    }

    /**
     * The real path of an existing file or directory, every symbolic link on the way followed.
     *
     *
     * @param path the path, absolute or relative to the working directory
     * @param displayName how to name the path in errors, relative to the repository root
     * @return the real path
     * @throws RenderException naming {@code displayName} when it does not exist, cannot be
     *     resolved, or leads outside the repository
     */
    public Path realPath(Path path, String displayName) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new RenderException(Files.isSymbolicLink(path)
                    ? "'" + displayName + "' is a symbolic link to a file that does not exist"
                    : "'" + displayName + "' does not exist", e);
        } catch (IOException e) {
            throw new RenderException("cannot resolve '" + displayName + "': " + e.getMessage(), e);
        }
        if (!real.startsWith(root)) {
            throw new RenderException("'" + displayName + "' is a symbolic link to " + real
                    + ", outside the repository; links may only point inside the repository");
        }
        return real;
    }

    /**
     * Checks that an existing file or directory, after following symbolic links, is inside the
     * repository.
     *
     *
     * @param path a path in the repository, for example one {@link #resolve(String)} returned
     * @param displayName how to name the path in errors, relative to the repository root
     * @throws RenderException naming {@code displayName} when it is not
     */
    public void requireInside(Path path, String displayName) {
        realPath(path, displayName);
    }

    /**
     * Whether a path, symbolic links followed, exists inside the repository.
     *
     * @param path a path in the repository, for example one {@link #resolve(String)} returned
     * @return {@code false} also when it does not exist or cannot be resolved
     */
    public boolean contains(Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The real path of a regular file inside the repository.
     *
     *
     * @param path a path in the repository, for example one {@link #resolve(String)} returned
     * @param displayName how to name the path in errors, relative to the repository root
     * @return the real path
     * @throws RenderException naming {@code displayName} when it is missing, outside the
     *     repository, or not a regular file
     */
    public Path realFile(Path path, String displayName) {
        Path real = realPath(path, displayName);
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new RenderException("'" + displayName + "' is " + (Files.isDirectory(real) ? "a directory" : "not a regular file")
                    + "; a file was expected");
        }
        return real;
    }

    /**
     * The content of a file inside the repository.
     *
     *
     * @param path a path in the repository, for example one {@link #resolve(String)} returned
     * @param displayName how to name the path in errors, relative to the repository root
     * @return the bytes
     * @throws RenderException naming {@code displayName} when the file is missing, outside the
     *     repository or unreadable
     */
    public byte[] readBytes(Path path, String displayName) {
        Path real = realFile(path, displayName);
        try {
            if (Files.size(real) > MAX_FILE_BYTES) {
                throw new RenderException("cannot read '" + displayName + "': it is larger than 2 GiB");
            }
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw new RenderException("cannot read '" + displayName + "': " + e.getMessage(), e);
        }
    }

    /**
     * Opens a file inside the repository for reading; the caller closes the stream. The real path
     * is opened without following links, so a link swapped in after the check is not followed.
     *
     *
     * @param path a path in the repository, for example one {@link #resolve(String)} returned
     * @param displayName how to name the path in errors, relative to the repository root
     * @return the open stream
     * @throws RenderException naming {@code displayName} when the file is missing, outside the
     *     repository or unreadable
     */
    public InputStream open(Path path, String displayName) {
        Path real = realFile(path, displayName);
        try {
            return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new RenderException("cannot read '" + displayName + "': " + e.getMessage(), e);
        }
    }

    /**
     * The content of a UTF-8 text file inside the repository.
     *
     *
     * @param path a path in the repository, for example one {@link #resolve(String)} returned
     * @param displayName how to name the path in errors, relative to the repository root
     * @return the text
     * @throws RenderException naming {@code displayName} when the file is missing, outside the
     *     repository or unreadable, or naming the byte offset where it is not UTF-8
     */
    public String readText(Path path, String displayName) {
        return Utf8Text.decode(readBytes(path, displayName), displayName);
    }

    /**
     * The path relative to the root with {@code /} separators, for messages.
     *
     * @param path a path
     * @return the relative path, {@code .} for the root itself, or the absolute path for one outside
     */
    public String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            return absolute.toString();
        }
        String relative = root.relativize(absolute).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
