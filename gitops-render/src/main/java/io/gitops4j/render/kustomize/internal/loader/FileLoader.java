package io.gitops4j.render.kustomize.internal.loader;

import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Reads the files of one kustomization under Kustomize's load restriction: root-only (the
 * default) wants a file in or below the kustomization's directory; without restriction
 * ({@code --load-restrictor LoadRestrictionsNone}) any file of the repository will do. Either
 * way, symbolic links followed, the file must be inside the repository, and absolute paths obey
 * the same rule. The reads themselves go through {@link RepositoryRoot}, which checks the
 * repository boundary once more.
 */
public final class FileLoader implements KustomizationFiles {

    private final RepositoryRoot repository;
    private final Path directory;
    private final boolean rootOnly;

    /**
     * @param repository the repository the kustomization is in
     * @param directory the kustomization's directory (a real path inside the repository)
     * @param rootOnly whether files must be in or below {@code directory} (Kustomize's default)
     */
    public FileLoader(RepositoryRoot repository, Path directory, boolean rootOnly) {
        this.repository = repository;
        this.directory = directory;
        this.rootOnly = rootOnly;
    }

    @Override
    public byte[] read(String path) {
        Path file = resolveFile(path);
        return repository.readBytes(file, repository.display(file));
    }

    @Override
    public long size(String path) {
        Path file = resolveFile(path);
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + repository.display(file) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String readText(String path) {
        Path file = resolveFile(path);
        return repository.readText(file, repository.display(file));
    }

    /**
     * The real path of a file the kustomization may read.
     *
     * @throws IllegalArgumentException with Kustomize's wording when it is missing, a directory or
     *     outside the allowed directory
     */
    public Path resolveFile(String path) {
        Path candidate = directory.resolve(path).normalize();
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("'" + path + "' does not exist (evalsymlink failure on '"
                    + display(candidate) + "': no such file or directory)");
        }
        if (!repository.contains(candidate) && Files.exists(candidate)) {
            throw new IllegalArgumentException("security; file '" + path + "' is not in or below '"
                    + repository.display(directory) + "': it leads outside the repository");
        }
        Path real;
        try {
            real = repository.realPath(candidate, path);
        } catch (RenderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (rootOnly && !real.startsWith(directory)) {
            throw new IllegalArgumentException("security; file '" + repository.display(real) + "' is not in or below '"
                    + repository.display(directory) + "'; a kustomization may only load files in or below its "
                    + "own directory (use a base directory with its own kustomization instead, or render with the "
                    + "load restrictor LoadRestrictionsNone)");
        }
        if (Files.isDirectory(real)) {
            throw new IllegalArgumentException("'" + path + "' is a directory, not a file");
        }
        return real;
    }

    private String display(Path path) {
        return path.startsWith(repository.path()) ? repository.display(path) : path.toString();
    }

}
