package io.gitops4j.render.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private, prepared copy of a chart for helm-java, which prints only a release's manifest:
 * neither hooks nor the {@code crds/} directory. Packaged charts and packaged sub-charts are
 * unpacked, and the hook annotation key in templates is renamed ({@link #HOOK_STAND_IN}) so Helm
 * renders hooks as ordinary manifests; {@link HelmOutput} renames them back. The copy also means
 * nothing in the checked-out repository is ever written.
 */
final class ChartWorkspace implements AutoCloseable {

    /** What {@code helm.sh/hook} is renamed to while templating. */
    static final String HOOK_STAND_IN = "gitops4j.io/helm-hook";
    private static final String HOOK = "helm.sh/hook";

    private final Path root;
    private final Path chart;

    private ChartWorkspace(Path root, Path chart) {
        this.root = root;
        this.chart = chart;
    }

    /** Copies (or unpacks) the chart at {@code source} into a new temporary directory. */
    static ChartWorkspace prepare(Path source) {
        try {
            Path root = Files.createTempDirectory("gitops4j-helm-");
            Path chart;
            if (Files.isDirectory(source)) {
                chart = root.resolve("chart");
                copy(source, chart);
            } else {
                Path unpacked = root.resolve("unpacked");
                TarGz.extract(source, unpacked);
                chart = onlyDirectory(unpacked, source);
            }
            prepareChart(chart);
            return new ChartWorkspace(root, chart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prepared chart directory. */
    Path chart() {
        return chart;
    }

    /** A scratch directory for generated values files. */
    Path scratch() {
        return root;
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

    private static void prepareChart(Path chartDir) throws IOException {
        Path templates = chartDir.resolve("templates");
        if (Files.isDirectory(templates)) {
            try (Stream<Path> files = Files.walk(templates)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String content = Files.readString(file, StandardCharsets.UTF_8);
                    if (content.contains(HOOK)) {
                        Files.writeString(file, content.replace(HOOK, HOOK_STAND_IN), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        for (Path sub : list(chartDir.resolve("charts"))) {
            if (sub.toString().endsWith(".tgz")) {
                Path unpacked = Files.createTempDirectory(chartDir.resolve("charts"), ".unpacked-");
                TarGz.extract(sub, unpacked);
                Path subChart = onlyDirectory(unpacked, sub);
                Files.move(subChart, chartDir.resolve("charts").resolve(subChart.getFileName()));
                Files.delete(unpacked);
                Files.delete(sub);
                prepareChart(chartDir.resolve("charts").resolve(subChart.getFileName()));
            } else if (Files.isDirectory(sub)) {
                prepareChart(sub);
            }
        }
    }

    private static Path onlyDirectory(Path unpacked, Path archive) {
        List<Path> dirs = list(unpacked).stream().filter(Files::isDirectory).toList();
        if (dirs.size() != 1) {
            throw new HelmException("the chart archive " + archive.getFileName() + " must hold one chart directory");
        }
        return dirs.get(0);
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temporary folder is harmless
        }
    }
}
