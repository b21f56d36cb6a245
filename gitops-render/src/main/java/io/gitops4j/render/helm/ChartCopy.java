package io.gitops4j.render.helm;

import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Copies a chart directory out of the repository into a workspace, every file read through
 * {@link RepositoryRoot}. Symbolic links are resolved, as Helm's loader does, but only while they
 * stay inside the repository: a template, a {@code .Files} file or a sub-chart that links outside
 * is refused, naming it. The workspace gets plain files and directories only, so Helm there can
 * follow nothing. Links that lead back into a directory being copied are refused as cycles; devices,
 * sockets and pipes as Helm refuses them.
 */
final class ChartCopy {

    private final RepositoryRoot repository;
    private final ChartBudget budget;
    private final Set<Path> copying = new HashSet<>();

    private ChartCopy(RepositoryRoot repository, ChartBudget budget) {
        this.repository = repository;
        this.budget = budget;
    }

    /**
     * @param chart the chart directory's real path, inside the repository
     * @param target the directory to create
     * @throws RenderException naming the file that leads outside the repository or is over a limit
     */
    static void copy(RepositoryRoot repository, Path chart, Path target, ChartBudget budget) throws IOException {
        new ChartCopy(repository, budget).directory(chart, repository.display(chart), target);
    }

    private void directory(Path real, String display, Path target) throws IOException {
        if (!copying.add(real)) {
            throw new HelmException("'" + display + "' is a symbolic link to a directory that contains it; "
                    + "a chart may not hold a link cycle");
        }
        Files.createDirectories(target);
        for (Path entry : list(real, display)) {
            String name = entry.getFileName().toString();
            String entryDisplay = display.equals(".") ? name : display + "/" + name;
            Path entryReal = Files.isSymbolicLink(entry) ? repository.realPath(entry, entryDisplay) : entry;
            BasicFileAttributes attributes = Files.readAttributes(entryReal, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            budget.addEntry(entryDisplay);
            if (attributes.isDirectory()) {
                directory(entryReal, entryDisplay, target.resolve(name));
            } else if (attributes.isRegularFile()) {
                file(entryReal, entryDisplay, attributes.size(), target.resolve(name));
            } else {
                throw new HelmException("'" + entryDisplay + "' is not a regular file or directory (a device, socket "
                        + "or pipe); a chart may hold only files and directories");
            }
        }
        copying.remove(real);
    }

    private void file(Path real, String display, long size, Path target) throws IOException {
        budget.addBytes(display, size);
        long limit = budget.limits().maxFileBytes();
        try (InputStream in = repository.open(real, display);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                copied += read;
                if (copied > size || copied > limit) {
                    throw new HelmException("'" + display + "' grew while it was copied; render again");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private static List<Path> list(Path directory, String display) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> sorted = new ArrayList<>(entries.toList());
            sorted.sort(null);
            return sorted;
        } catch (IOException e) {
            throw new HelmException("cannot list '" + display + "': " + e.getMessage(), e);
        }
    }
}
