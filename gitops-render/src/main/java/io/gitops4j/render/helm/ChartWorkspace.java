package io.gitops4j.render.helm;

import io.gitops4j.render.source.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private, prepared copy of a chart for helm-java, which prints only a release's manifest:
 * neither hooks nor the {@code crds/} directory. A chart directory is copied out of the repository
 * ({@link ChartCopy}: links resolved only inside it), with its missing dependencies
 * ({@link ChartDependencies}: copied from the repository or downloaded); a packaged chart and packaged sub-charts are
 * unpacked ({@link TarGz}), within the {@link HelmLimits}. The hook annotation key in templates is
 * renamed ({@link #HOOK_STAND_IN}) so Helm renders hooks as ordinary manifests; {@link HelmOutput}
 * renames them back. Values files are copied in too, so Helm reads nothing but this workspace, and
 * nothing in the checked-out repository is ever written. The workspace is deleted on close and on
 * every failure while it is prepared.
 */
final class ChartWorkspace implements AutoCloseable {

    /** What {@code helm.sh/hook} is renamed to while templating. */
    static final String HOOK_STAND_IN = "gitops4j.io/helm-hook";
    private static final byte[] HOOK = "helm.sh/hook".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STAND_IN = HOOK_STAND_IN.getBytes(StandardCharsets.UTF_8);

    private final Path root;
    private final Path chart;
    private int valuesFiles;

    private ChartWorkspace(Path root, Path chart) {
        this.root = root;
        this.chart = chart;
    }

    /** How a new workspace gets its chart; returns the chart directory. */
    @FunctionalInterface
    private interface Source {
        Path fill(Path root, ChartBudget budget) throws IOException;
    }

    /**
     * Copies the chart directory at {@code chartDirectory} (a real path in the repository).
     *
     * @throws HelmException naming the file that leads outside the repository or is over a limit
     */
    static ChartWorkspace fromRepository(RepositoryRoot repository, Path chartDirectory, HelmLimits limits,
            Path temporary, Optional<HelmChartRepository> downloads, boolean passCredentials) {
        String name = repository.display(chartDirectory);
        return prepare(limits, temporary, name, (root, budget) -> {
            Path chart = root.resolve("chart");
            ChartCopy.copy(repository, chartDirectory, chart, budget);
            ChartDependencies.vendor(repository, chartDirectory, chart, budget, downloads, passCredentials);
            return chart;
        });
    }

    /**
     * Unpacks a packaged chart.
     *
     * @throws HelmException naming the archive and entry that is refused or over a limit
     */
    static ChartWorkspace fromArchive(Path archive, HelmLimits limits, Path temporary,
            Optional<HelmChartRepository> downloads, boolean passCredentials) {
        String name = archive.getFileName().toString();
        return prepare(limits, temporary, name, (root, budget) -> {
            Path unpacked = root.resolve("unpacked");
            TarGz.extract(archive, name, unpacked, budget);
            Path chart = onlyDirectory(unpacked, name);
            if (Files.isRegularFile(chart.resolve("Chart.yaml"), LinkOption.NOFOLLOW_LINKS)) {
                ChartDependencies.vendorPackaged(chart, name, budget, downloads, passCredentials);
            }
            return chart;
        });
    }

    private static ChartWorkspace prepare(HelmLimits limits, Path temporary, String name, Source source) {
        Path root;
        try {
            root = Files.createTempDirectory(Files.createDirectories(temporary), "gitops4j-helm-");
        } catch (IOException e) {
            throw new HelmException("cannot create a workspace for the chart " + name + ": " + e.getMessage(), e);
        }
        try {
            ChartBudget budget = new ChartBudget(limits, name);
            Path chart = source.fill(root, budget);
            prepareChart(chart, name, 0, budget);
            return new ChartWorkspace(root, chart);
        } catch (IOException e) {
            DirectoryTrees.delete(root);
            throw new HelmException("cannot prepare the chart " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            DirectoryTrees.delete(root);
            throw e;
        }
    }

    /** The prepared chart directory. */
    Path chart() {
        return chart;
    }

    /** Writes a values file into the workspace (outside the chart) and returns it. */
    Path valuesFile(String content) {
        Path file = root.resolve("values-" + (++valuesFiles) + ".yaml");
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HelmException("cannot write a values file for Helm: " + e.getMessage(), e);
        }
    }

    /** The {@code crds/} files of the chart and its sub-charts, parent first, each directory in name order. */
    List<Path> crdFiles() {
        List<Path> files = new ArrayList<>();
        collectCrds(chart, files);
        return files;
    }

    private static void collectCrds(Path chartDir, List<Path> files) {
        files.addAll(list(chartDir.resolve("crds")).stream()
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                .toList());
        for (Path sub : list(chartDir.resolve("charts"))) {
            if (Files.isDirectory(sub)) {
                collectCrds(sub, files);
            }
        }
    }

    /** Renames hook keys in templates and unpacks packaged sub-charts, {@code depth} archives deep. */
    private static void prepareChart(Path chartDir, String name, int depth, ChartBudget budget) throws IOException {
        renameHookKeys(chartDir.resolve("templates"));
        Path charts = chartDir.resolve("charts");
        for (Path sub : list(charts)) {
            String fileName = sub.getFileName().toString();
            if (fileName.startsWith(".") || fileName.startsWith("_")) {
                continue;
            }
            String subName = name + "/charts/" + fileName;
            if (fileName.endsWith(".tgz") && Files.isRegularFile(sub, LinkOption.NOFOLLOW_LINKS)) {
                if (depth + 1 > budget.limits().maxNestingDepth()) {
                    throw new HelmException("the packaged sub-chart " + subName + " nests deeper than "
                            + budget.limits().maxNestingDepth() + " archives; refusing it (HelmLimits.maxNestingDepth)");
                }
                Path unpacked = Files.createTempDirectory(charts, ".unpacked-");
                TarGz.extract(sub, subName, unpacked, budget);
                Path subChart = onlyDirectory(unpacked, subName);
                Path destination = free(charts.resolve(fileName.substring(0, fileName.length() - ".tgz".length())));
                Files.move(subChart, destination);
                Files.delete(unpacked);
                Files.delete(sub);
                prepareChart(destination, subName, depth + 1, budget);
            } else if (Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                prepareChart(sub, subName, depth, budget);
            }
        }
    }

    private static void renameHookKeys(Path templates) throws IOException {
        if (!Files.isDirectory(templates, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                byte[] content = Files.readAllBytes(file);
                byte[] renamed = replace(content, HOOK, STAND_IN);
                if (renamed != content) {
                    Files.write(file, renamed);
                }
            }
        }
    }

    /** The bytes with every {@code from} replaced; the same array when there is none. */
    static byte[] replace(byte[] content, byte[] from, byte[] to) {
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i <= content.length - from.length; i++) {
            if (startsWith(content, i, from)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(content.length + 64);
                }
                out.write(content, copied, i - copied);
                out.write(to, 0, to.length);
                i += from.length - 1;
                copied = i + 1;
            }
        }
        if (out == null) {
            return content;
        }
        out.write(content, copied, content.length - copied);
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        for (int j = 0; j < prefix.length; j++) {
            if (content[offset + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private static Path free(Path wanted) {
        Path candidate = wanted;
        for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = wanted.resolveSibling(wanted.getFileName() + "-" + i);
        }
        return candidate;
    }

    private static Path onlyDirectory(Path unpacked, String archive) {
        List<Path> entries = list(unpacked);
        if (entries.size() != 1 || !Files.isDirectory(entries.get(0), LinkOption.NOFOLLOW_LINKS)) {
            throw new HelmException("the chart archive " + archive + " must hold one chart directory and nothing beside it");
        }
        return entries.get(0);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new HelmException("cannot list " + dir.getFileName() + " in a chart: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        DirectoryTrees.delete(root);
    }
}
