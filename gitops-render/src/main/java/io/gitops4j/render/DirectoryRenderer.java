package io.gitops4j.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a directory of plain manifests, as Argo CD's directory source type does: every
 * {@code *.yaml}, {@code *.yml} and {@code *.json} file (sub-directories too when
 * {@link #recurse}), multi-document files, {@code kind: List} flattened, empty documents skipped.
 *
 * <p>The result is deterministic: files in the order of their paths relative to the rendered
 * directory, documents in file order. Files and symbolic links that lead outside the repository
 * are refused.
 */
public final class DirectoryRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRenderer.class);

    private final DirectorySource options;

    private DirectoryRenderer(DirectorySource options) {
        this.options = options;
    }

    /** The Argo CD default: only the files directly in the directory. */
    public static DirectoryRenderer create() {
        return new DirectoryRenderer(DirectorySource.DEFAULTS);
    }

    /** A renderer with Argo CD's {@code directory} options (recurse, include, exclude). */
    public static DirectoryRenderer of(DirectorySource options) {
        return new DirectoryRenderer(options);
    }

    /** A renderer that also reads sub-directories ({@code directory.recurse: true}). */
    public DirectoryRenderer recurse(boolean recurseIntoSubdirectories) {
        return new DirectoryRenderer(new DirectorySource(recurseIntoSubdirectories, options.include(), options.exclude()));
    }

    /**
     * Renders the directory at {@code path} inside the repository.
     *
     * @param repository the checked-out repository
     * @param path the directory, relative to the repository root
     * @return the objects, in a deterministic order; never the same instances twice
     * @throws RenderException when the path is missing, not a directory, or leaves the repository
     * @throws io.gitops4j.diff.ManifestException naming the file and line of a malformed manifest
     */
    public List<ObjectNode> render(RepositoryRoot repository, String path) {
        Path directory = repository.resolve(path);
        if (!Files.isDirectory(directory)) {
            throw new RenderException("path '" + path + "' is a file; an application path must be a directory");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (Path file : manifestFiles(directory)) {
            String displayName = repository.display(file);
            repository.requireInside(file, displayName);
            ManifestFile.read(readString(file, displayName), displayName).ifPresentOrElse(
                    objects::addAll,
                    () -> LOG.debug("{} holds no Kubernetes objects; skipped", displayName));
        }
        return objects;
    }

    private List<Path> manifestFiles(Path directory) {
        PathGlobs include = PathGlobs.parse(options.include());
        PathGlobs exclude = PathGlobs.parse(options.exclude());
        try (Stream<Path> files = Files.walk(directory, options.recurse() ? Integer.MAX_VALUE : 1)) {
            return files.filter(Files::isRegularFile)
                    .filter(DirectoryRenderer::isManifestName)
                    .filter(file -> !isUnderHiddenDirectory(directory.relativize(file)))
                    .filter(file -> include.isEmpty() || include.matches(directory.relativize(file)))
                    .filter(file -> !exclude.matches(directory.relativize(file)))
                    .sorted(Comparator.comparing(file -> directory.relativize(file).toString()))
                    .toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean isUnderHiddenDirectory(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String readString(Path file, String displayName) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot read " + displayName + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new RenderException("cannot read " + displayName + ": " + e.getCause().getMessage(), e);
        }
    }
}
