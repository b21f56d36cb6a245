package io.gitops4j.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A {@code *.jsonnet} file the include and exclude patterns select is refused, naming it: Argo CD
 * would evaluate it, and rendering without it would sync an incomplete application.
 *
 * <p>The result is deterministic: files in the order of their paths relative to the rendered
 * directory, documents in file order. Every file is read through {@link RepositoryRoot}: a
 * symbolic link to a file elsewhere in the repository is read, one that leads outside it is
 * refused. Links to directories are not followed (as in Argo CD): with {@code recurse} such a link
 * is refused, naming it, rather than its manifests silently left out.
 */
public final class DirectoryRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRenderer.class);

    private final DirectorySource options;

    private DirectoryRenderer(DirectorySource options) {
        this.options = options;
    }

    /**
     * The Argo CD default: only the files directly in the directory.
     *
     * @return the renderer
     */
    public static DirectoryRenderer create() {
        return new DirectoryRenderer(DirectorySource.DEFAULTS);
    }

    /**
     * A renderer with Argo CD's {@code directory} options (recurse, include, exclude).
     *
     * @param options whether to recurse, and the include and exclude globs
     * @return the renderer
     */
    public static DirectoryRenderer of(DirectorySource options) {
        return new DirectoryRenderer(options);
    }

    /**
     * A renderer that also reads sub-directories ({@code directory.recurse: true}).
     *
     * @param recurseIntoSubdirectories whether to read the files of sub-directories too
     * @return a renderer with the same include and exclude globs
     */
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
     * @throws io.gitops4j.kube.ManifestException naming the file and line of a malformed manifest
     */
    public List<ObjectNode> render(RepositoryRoot repository, String path) {
        Path directory = repository.resolve(path);
        if (!Files.isDirectory(directory)) {
            throw new RenderException("path '" + path + "' is a file; an application path must be a directory");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (Path file : manifestFiles(repository, directory)) {
            String displayName = repository.display(file);
            ManifestFile.read(repository.readText(file, displayName), displayName).ifPresentOrElse(
                    objects::addAll,
                    () -> LOG.debug("{} holds no Kubernetes objects; skipped", displayName));
        }
        return objects;
    }

    private List<Path> manifestFiles(RepositoryRoot repository, Path directory) {
        PathGlobs include = PathGlobs.parse(options.include());
        PathGlobs exclude = PathGlobs.parse(options.exclude());
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, options.recurse() ? Integer.MAX_VALUE : 1)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = directory.relativize(file);
                if (file.equals(directory) || isUnderHiddenDirectory(relative) || exclude.matches(relative)) {
                    continue;
                }
                if (Files.isSymbolicLink(file) && Files.isDirectory(file)) {
                    refuseLinkedDirectory(repository, file, relative);
                    continue;
                }
                if (!include.isEmpty() && !include.matches(relative)) {
                    continue;
                }
                if (isJsonnetName(file)) {
                    refuseJsonnet(repository.display(file));
                }
                if (!isManifestName(file)) {
                    continue;
                }
                if (Files.isRegularFile(file)) {
                    found.add(file);
                } else if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                    LOG.warn("{} is a symbolic link to a file that does not exist; skipped", repository.display(file));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RenderException("cannot list " + repository.display(directory) + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(file -> directory.relativize(file).toString()));
        return found;
    }

    /**
     * A link to a directory is not followed (Argo CD's walk does not follow it either); with
     * {@code recurse} its manifests would silently be missing, so it is refused. Without
     * {@code recurse} it is a sub-directory like any other and is not read.
     */
    private void refuseLinkedDirectory(RepositoryRoot repository, Path link, Path relative) {
        if (!options.recurse() || relative.getFileName().toString().startsWith(".")) {
            return;
        }
        String displayName = repository.display(link);
        repository.requireInside(link, displayName);
        throw new RenderException("'" + displayName + "' is a symbolic link to a directory; links to directories "
                + "are not followed in a directory source (as in Argo CD), so its manifests would be missing: "
                + "put the files there, link them one by one, or exclude the link");
    }

    /**
     * Argo CD evaluates the {@code *.jsonnet} files of a directory source; GitOps4J has no Jsonnet
     * evaluator, and leaving them out would render (and sync, and prune) an application without
     * what they describe. So they are refused, saying what to do instead.
     */
    private static void refuseJsonnet(String displayName) {
        throw new RenderException("'" + displayName + "' is Jsonnet, which Argo CD evaluates in directory sources "
                + "but GitOps4J does not: render it through a config management plugin (for example "
                + "ConfigManagementPlugin.of(\"jsonnet\", List.of(\"jsonnet\", \"-y\", \"" + fileName(displayName)
                + "\")) with spec.source.plugin), commit the rendered YAML, or exclude the file with "
                + "spec.source.directory.exclude");
    }

    private static String fileName(String displayName) {
        return displayName.substring(displayName.lastIndexOf('/') + 1);
    }

    private static boolean isJsonnetName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonnet");
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

}
