package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.semver.SemanticVersion;
import io.gitops4j.kube.semver.VersionConstraint;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What Argo CD's {@code helm dependency build} does for a chart whose {@code Chart.yaml} lists
 * dependencies missing from {@code charts/} (Argo CD runs it only then): {@code Chart.lock}, when
 * there is one, must match {@code Chart.yaml} ({@link ChartLockDigest}) and gives the versions;
 * without one each dependency's {@code version} is a constraint ({@link VersionConstraint}) and the
 * highest version satisfying it is taken. A {@code file://} dependency is copied from the repository
 * into the workspace's {@code charts/} ({@link ChartCopy}: inside the repository only, counted in the
 * chart's {@link HelmLimits}; its name must match and its version satisfy the constraint); an
 * {@code https://}, {@code http://} or {@code oci://} dependency is fetched through the renderer's
 * {@link HelmChartRepository} (its download cache, byte limit, deadline and registry logins) and put
 * into {@code charts/} as an archive, which the workspace then unpacks within the chart's limits.
 * Nothing is written into the repository. Dependencies already in {@code charts/} are used as they
 * are. A dependency that cannot be had is an error naming the chart, the dependency and its
 * repository (credentials removed). Dependencies of the fetched charts are not resolved further, as
 * {@code helm dependency build} does not.
 */
final class ChartDependencies {

    private static final String FILE = "file://";

    private final Optional<RepositoryRoot> repository;
    private final Path source;
    private final Path chart;
    private final ChartBudget budget;
    private final Optional<HelmChartRepository> downloads;
    private final String name;
    private final boolean passCredentials;
    private long downloadedBytes;

    private ChartDependencies(Optional<RepositoryRoot> repository, Path source, Path chart, ChartBudget budget,
            Optional<HelmChartRepository> downloads, String name, boolean passCredentials) {
        this.passCredentials = passCredentials;
        this.repository = repository;
        this.source = source;
        this.chart = chart;
        this.budget = budget;
        this.downloads = downloads;
        this.name = name;
    }

    /**
     * Vendors the missing dependencies of a chart directory of the repository.
     *
     * @param repository the checked-out repository
     * @param source the chart directory's real path in the repository
     * @param chart the chart's copy in the workspace
     * @param downloads where repository and OCI dependencies come from; empty: they are never downloaded
     * @param passCredentials send a repository's credentials to every host its index names
     * @throws HelmException naming the chart and the dependency that cannot be had
     */
    static void vendor(RepositoryRoot repository, Path source, Path chart, ChartBudget budget,
            Optional<HelmChartRepository> downloads, boolean passCredentials) throws IOException {
        new ChartDependencies(Optional.of(repository), source, chart, budget, downloads, repository.display(source),
                passCredentials).vendor();
    }

    /**
     * Vendors the missing dependencies of a packaged chart unpacked in the workspace ({@code file://}
     * dependencies are refused: there is no repository to take them from).
     *
     * @param chart the unpacked chart
     * @param name the chart archive, for messages
     */
    static void vendorPackaged(Path chart, String name, ChartBudget budget, Optional<HelmChartRepository> downloads,
            boolean passCredentials) throws IOException {
        new ChartDependencies(Optional.empty(), chart, chart, budget, downloads, name, passCredentials).vendor();
    }

    private void vendor() throws IOException {
        List<JsonNode> dependencies = list(metadata(chart.resolve("Chart.yaml"), name + "/Chart.yaml"), "dependencies");
        Set<String> present = presentCharts(chart.resolve("charts"));
        if (dependencies.stream().allMatch(d -> d.path("name").asText("").isEmpty()
                || present.contains(d.path("name").asText("")))) {
            return;
        }
        Optional<List<JsonNode>> locked = locked(dependencies);
        Set<String> vendored = new HashSet<>();
        for (int i = 0; i < dependencies.size(); i++) {
            JsonNode dependency = dependencies.get(i);
            String dependencyName = dependency.path("name").asText("");
            if (dependencyName.isEmpty() || present.contains(dependencyName)) {
                continue;
            }
            if (dependencyName.contains("/") || dependencyName.contains("\\") || dependencyName.startsWith(".")) {
                throw new HelmException("dependency '" + dependencyName + "' of the chart " + name + " is not a chart "
                        + "name; fix its name in Chart.yaml");
            }
            String repositoryUrl = dependency.path("repository").asText("");
            String version = version(dependency, locked, i);
            if (repositoryUrl.startsWith(FILE)) {
                copy(dependencyName, repositoryUrl, constraint(dependencyName, repositoryUrl, version), vendored);
            } else if (isDownloadable(repositoryUrl)) {
                constraint(dependencyName, repositoryUrl, version);
                download(dependencyName, repositoryUrl, version);
            } else {
                throw new HelmException("dependency '" + dependencyName + "' of the chart " + name + " (repository "
                        + (repositoryUrl.isEmpty() ? "none" : Redaction.url(repositoryUrl)) + ") is not in its charts/ "
                        + "directory, and " + (repositoryUrl.isEmpty() ? "a dependency without a repository must be"
                                : "only file://, https:// and oci:// repositories can be fetched; write the repository "
                                + "URL instead of a repository name, or commit it") + " in charts/");
            }
        }
    }

    /** The version to take: the one {@code Chart.lock} records for the dependency, else its constraint. */
    private static String version(JsonNode dependency, Optional<List<JsonNode>> locked, int index) {
        String dependencyName = dependency.path("name").asText("");
        if (locked.isPresent() && index < locked.get().size()
                && locked.get().get(index).path("name").asText("").equals(dependencyName)) {
            return locked.get().get(index).path("version").asText("");
        }
        return dependency.path("version").asText("");
    }

    /** The locked dependencies of an up-to-date {@code Chart.lock}; empty without one. */
    private Optional<List<JsonNode>> locked(List<JsonNode> dependencies) throws IOException {
        Path lockFile = chart.resolve("Chart.lock");
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        ObjectNode lock = metadata(lockFile, name + "/Chart.lock");
        List<JsonNode> locked = list(lock, "dependencies");
        if (!lock.path("digest").asText("").equals(ChartLockDigest.of(dependencies, locked))) {
            throw new HelmException("the Chart.lock of the chart " + name + " is out of sync with the dependencies of "
                    + "its Chart.yaml (helm dependency build refuses it); run helm dependency update and commit "
                    + "Chart.lock");
        }
        return locked.isEmpty() ? Optional.empty() : Optional.of(locked);
    }

    private VersionConstraint constraint(String dependencyName, String repositoryUrl, String version) {
        return VersionConstraint.parse(version).orElseThrow(() -> new HelmException("dependency '" + dependencyName
                + "' (repository " + Redaction.url(repositoryUrl) + ") of the chart " + name + " has the version '"
                + version + "', which is not a version or a version constraint (such as 1.2.3, ^1.2.0, ~1.2)"));
    }

    private static boolean isDownloadable(String repositoryUrl) {
        String lower = repositoryUrl.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || OciReference.isOci(repositoryUrl);
    }

    private void download(String dependencyName, String repositoryUrl, String version) throws IOException {
        String display = "dependency '" + dependencyName + "' " + version + " (repository " + Redaction.url(repositoryUrl)
                + ") of the chart " + name;
        if (downloads.isEmpty()) {
            throw new HelmException(display + " is not in its charts/ directory, and this renderer downloads no "
                    + "charts (give it a HelmChartRepository), or run helm dependency build and commit charts/");
        }
        FetchedChart fetched;
        try {
            fetched = downloads.get().fetchChart(repositoryUrl, dependencyName, version, passCredentials);
        } catch (HelmException e) {
            throw new HelmException("cannot download " + display + ": " + e.getMessage(), e);
        }
        Path charts = Files.createDirectories(chart.resolve("charts"));
        // helm dependency build's name: the order of these names decides which archive a dependency
        // listed twice gets, and one version downloaded twice is one archive
        Path target = charts.resolve(dependencyName + "-" + fetched.version() + ".tgz");
        if (!target.normalize().getParent().equals(charts) || !target.getFileName().toString().startsWith(dependencyName)) {
            throw new HelmException(display + " resolved to the version '" + fetched.version()
                    + "', which cannot name a file; refusing it");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            downloadedBytes += Files.size(fetched.archive());
            if (downloadedBytes > budget.limits().maxChartBytes()) {
                throw new HelmException("the dependencies of the chart " + name + " are larger than the limit of "
                        + budget.limits().maxChartBytes() + " bytes (at " + display + "; HelmLimits.maxChartBytes)");
            }
            Files.copy(fetched.archive(), target);
        }
    }

    private void copy(String dependencyName, String repositoryUrl, VersionConstraint version, Set<String> vendored)
            throws IOException {
        String display = "dependency '" + dependencyName + "' (" + repositoryUrl + ") of the chart " + name;
        if (repository.isEmpty()) {
            throw new HelmException(display + " is not in its charts/ directory; a packaged chart's file:// "
                    + "dependencies must be packaged with it");
        }
        RepositoryRoot root = repository.get();
        Path candidate = source.resolve(repositoryUrl.substring(FILE.length())).normalize();
        if (!candidate.startsWith(root.path())) {
            throw new HelmException(display + " leaves the repository; a file:// dependency must be a chart "
                    + "directory inside it");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            throw new HelmException(display + " does not exist; fix the repository path in Chart.yaml");
        }
        Path real = root.realPath(candidate, root.display(candidate));
        if (!Files.isRegularFile(real.resolve("Chart.yaml"))) {
            throw new HelmException(display + " is not a chart directory: it has no Chart.yaml");
        }
        ObjectNode metadata = metadata(real.resolve("Chart.yaml"), root.display(real) + "/Chart.yaml");
        String actualName = metadata.path("name").asText("");
        String actualVersion = metadata.path("version").asText("");
        if (!actualName.equals(dependencyName)) {
            throw new HelmException(display + " holds the chart '" + actualName + "', not '" + dependencyName + "'");
        }
        if (!SemanticVersion.parse(actualVersion).map(version::test).orElse(false)) {
            throw new HelmException(display + " asks for version " + version + " but the chart there is "
                    + actualVersion + "; fix the version in Chart.yaml (or Chart.lock)");
        }
        if (!vendored.add(real.toString())) {
            return; // one chart listed twice (an alias): helm dependency build packages it once
        }
        Path charts = Files.createDirectories(chart.resolve("charts"));
        Path target = charts.resolve(dependencyName);
        for (int n = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = charts.resolve(dependencyName + "-" + n);
        }
        ChartCopy.copy(root, real, target, budget);
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
}
