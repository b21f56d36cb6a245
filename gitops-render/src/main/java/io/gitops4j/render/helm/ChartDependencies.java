package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What Argo CD's {@code helm dependency build} does for a chart directory whose {@code Chart.yaml}
 * lists dependencies missing from {@code charts/}: each missing {@code file://} dependency is
 * copied from the repository into the workspace's {@code charts/} ({@link ChartCopy}, so it must lie
 * inside the repository and counts against the chart's {@link HelmLimits}). Its version must be the
 * one {@code Chart.lock} records, or else satisfy the exact version {@code Chart.yaml} asks for, and
 * its name the dependency's, as Helm checks. A missing dependency from a chart repository or OCI
 * registry is never downloaded: it is an error naming it and saying to vendor it. Dependencies of
 * the copied charts are not resolved further, as {@code helm dependency build} does not.
 */
final class ChartDependencies {

    private static final String FILE = "file://";

    private ChartDependencies() {
    }

    /**
     * @param repository the checked-out repository
     * @param source the chart directory's real path in the repository
     * @param chart the chart's copy in the workspace
     * @throws HelmException naming the chart and the dependency that cannot be had
     */
    static void vendor(RepositoryRoot repository, Path source, Path chart, ChartBudget budget) throws IOException {
        String name = repository.display(source);
        List<JsonNode> dependencies = list(metadata(chart.resolve("Chart.yaml"), name + "/Chart.yaml"), "dependencies");
        if (dependencies.isEmpty()) {
            return;
        }
        Optional<ObjectNode> lock = Files.isRegularFile(chart.resolve("Chart.lock"), LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(metadata(chart.resolve("Chart.lock"), name + "/Chart.lock")) : Optional.empty();
        List<JsonNode> locked = lock.map(l -> list(l, "dependencies")).orElse(List.of());
        Set<String> present = presentCharts(chart.resolve("charts"));
        for (int i = 0; i < dependencies.size(); i++) {
            JsonNode dependency = dependencies.get(i);
            String dependencyName = dependency.path("name").asText("");
            String repositoryUrl = dependency.path("repository").asText("");
            if (dependencyName.isEmpty() || present.contains(dependencyName)) {
                continue;
            }
            if (!repositoryUrl.startsWith(FILE)) {
                throw new HelmException("dependency '" + dependencyName + "' of the chart " + name + " (repository "
                        + (repositoryUrl.isEmpty() ? "none" : Redaction.url(repositoryUrl)) + ") is not in its "
                        + "charts/ directory; dependencies are only copied from file:// paths in the repository, never "
                        + "downloaded: run helm dependency build and commit charts/");
            }
            String version = i < locked.size() && locked.get(i).path("name").asText("").equals(dependencyName)
                    ? locked.get(i).path("version").asText("") : dependency.path("version").asText("");
            copy(repository, source, chart, budget, name, dependencyName, repositoryUrl, version);
            present.add(dependencyName);
        }
    }

    private static void copy(RepositoryRoot repository, Path source, Path chart, ChartBudget budget, String name,
            String dependencyName, String repositoryUrl, String version) throws IOException {
        String relative = repositoryUrl.substring(FILE.length());
        Path candidate = source.resolve(relative).normalize();
        String display = "dependency '" + dependencyName + "' (" + repositoryUrl + ") of the chart " + name;
        if (!candidate.startsWith(repository.path())) {
            throw new HelmException(display + " leaves the repository; a file:// dependency must be a chart "
                    + "directory inside it");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new HelmException(display + " does not exist; fix the repository path in Chart.yaml");
        }
        Path real = repository.realPath(candidate, repository.display(candidate));
        if (!Files.isRegularFile(real.resolve("Chart.yaml"))) {
            throw new HelmException(display + " is not a chart directory: it has no Chart.yaml");
        }
        ObjectNode metadata = metadata(real.resolve("Chart.yaml"), repository.display(real) + "/Chart.yaml");
        String actualName = metadata.path("name").asText("");
        String actualVersion = metadata.path("version").asText("");
        if (!actualName.equals(dependencyName)) {
            throw new HelmException(display + " holds the chart '" + actualName + "', not '" + dependencyName + "'");
        }
        if (isExact(version) && !strip(version).equals(strip(actualVersion))) {
            throw new HelmException(display + " asks for version " + version + " but the chart there is "
                    + actualVersion + "; fix the version in Chart.yaml (or Chart.lock)");
        }
        Path charts = Files.createDirectories(chart.resolve("charts"));
        Path target = charts.resolve(dependencyName);
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = charts.resolve(dependencyName + "-" + n);
        }
        ChartCopy.copy(repository, real, target, budget);
    }

    /**
     * The names of the charts in {@code charts/}: directories by their Chart.yaml's name, archives by
     * the {@code NAME-VERSION.tgz} name Helm gives them.
     */
    private static Set<String> presentCharts(Path charts) throws IOException {
        Set<String> names = new HashSet<>();
        if (!Files.isDirectory(charts, LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (Stream<Path> entries = Files.list(charts)) {
            for (Path entry : entries.toList()) {
                String fileName = entry.getFileName().toString();
                if (Files.isRegularFile(entry.resolve("Chart.yaml"), LinkOption.NOFOLLOW_LINKS)) {
                    names.add(metadata(entry.resolve("Chart.yaml"), "charts/" + fileName + "/Chart.yaml")
                            .path("name").asText(""));
                } else if (fileName.endsWith(".tgz")) {
                    names.add(fileName.replaceFirst("-v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]*)?\\.tgz$", ""));
                }
            }
        }
        return names;
    }

    private static ObjectNode metadata(Path file, String display) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<ObjectNode> documents = Yaml.readDocuments(text, display).stream().map(YamlDocument::body).toList();
        if (documents.isEmpty()) {
            throw new HelmException(display + " is empty");
        }
        return documents.get(0);
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        List<JsonNode> items = new ArrayList<>();
        node.path(field).forEach(items::add);
        return items;
    }

    private static boolean isExact(String version) {
        return strip(version).matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]*)?");
    }

    private static String strip(String version) {
        return version.trim().replaceFirst("^=?\\s*v?", "");
    }
}
