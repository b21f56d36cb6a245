package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chart dependencies downloaded as Argo CD's {@code helm dependency build} downloads them, from a
 * chart repository and from an OCI registry served by the test ({@link ChartServer}). The chart
 * {@code app} (fixtures {@code helm-dependencies/}) asks for {@code cache} twice in two versions (once
 * aliased, with a {@code condition}; constraints that no other listed version satisfies, since Helm
 * gives a dependency the first compatible archive in an order it does not fix), {@code metrics} under a tag, a disabled third {@code cache} and imports
 * values from the first: the expected objects are what {@code helm dependency build} and
 * {@code helm template} of Helm v4.1.4 printed for it ({@code tools/helm-dependency-goldens.sh}).
 */
class HelmDependencyDownloadTest {

    private static final Path FIXTURES = fixtures();
    private static final HelmOptions OPTIONS = HelmOptions.DEFAULTS.withReleaseName("r").withNamespace("prod");
    private static HelmRenderer shared;

    @TempDir
    Path temp;
    private Path repo;
    private Path cache;
    private ChartServer server;

    @BeforeEach
    void serve() throws IOException {
        server = new ChartServer(FIXTURES.resolve("repository"));
        repo = Files.createDirectories(temp.resolve("checkout"));
        cache = Files.createDirectories(temp.resolve("chart-cache"));
        copy(FIXTURES.resolve("app"), repo.resolve("app"));
        Files.delete(repo.resolve("app/Chart.yaml.template"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void stopHelm() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void dependenciesFromAChartRepositoryRenderAsHelmDependencyBuildAndTemplate() throws IOException {
        chartYaml(server.repositoryUrl());

        assertThat(helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS)).isEqualTo(golden());
        assertThat(server.requests()).contains("/repository/index.yaml", "/repository/cache-1.0.0.tgz",
                "/repository/cache-1.1.0.tgz", "/repository/cache-2.0.0.tgz", "/repository/metrics-0.3.0.tgz");
        assertThat(repo.resolve("app/charts")).as("nothing is written into the checkout").doesNotExist();
        assertThat(repo.resolve("app/Chart.lock")).doesNotExist();
        try (Stream<Path> cached = Files.walk(cache)) {
            assertThat(cached.filter(p -> p.toString().endsWith(".tgz")).count()).isEqualTo(4);
        }
    }

    @Test
    void theSameDependenciesFromAnOciRegistryBehindATokenChallengeRenderTheSame() throws IOException {
        chartYaml(server.ociUrl());

        assertThat(helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS)).isEqualTo(golden());
        assertThat(server.requests()).contains("/v2/deps/cache/tags/list", "/v2/deps/cache/manifests/2.0.0",
                "/v2/deps/metrics/tags/list");
    }

    @Test
    void aPackagedChartsMissingDependenciesAreDownloadedToo() throws IOException {
        chartYaml(server.repositoryUrl());
        Path archive = temp.resolve("app-1.0.0.tgz");
        TarBuilder tar = new TarBuilder();
        try (Stream<Path> files = Files.walk(repo.resolve("app"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                tar.file("app/" + repo.resolve("app").relativize(file), Files.readAllBytes(file));
            }
        }
        Files.write(archive, tar.gzip());

        assertThat(helm(DownloadDeadline.DEFAULT).renderPackaged(archive, OPTIONS)).isEqualTo(golden());
    }

    @Test
    void theRendererDownloadsDependenciesIntoItsChartCache() throws IOException {
        chartYaml(server.repositoryUrl());
        Renderer renderer = Renderer.builder().chartCache(cache).cacheSize(0).build();

        assertThat(renderer.render(new RenderRequest(RepositoryRoot.of(repo), "app", SourceOptions.AUTO, "r", "prod",
                "", "", "")).objects()).isEqualTo(golden());
        try (Stream<Path> cached = Files.walk(cache)) {
            assertThat(cached.filter(p -> p.toString().endsWith(".tgz")).count()).isEqualTo(4);
        }
    }

    @Test
    void chartLockGivesTheVersionsAndMustMatchChartYaml() throws IOException {
        chartYaml(server.repositoryUrl());
        String url = server.repositoryUrl();
        List<com.fasterxml.jackson.databind.JsonNode> requested = dependencies(repo.resolve("app/Chart.yaml"));
        String locked = "dependencies:\n"
                + "- name: cache\n  repository: " + url + "\n  version: 1.1.0\n"
                + "- name: cache\n  repository: " + url + "\n  version: 1.0.0\n"
                + "- name: metrics\n  repository: " + url + "\n  version: 0.2.0\n"
                + "- name: cache\n  repository: " + url + "\n  version: 2.0.0\n";
        String digest = ChartLockDigest.of(requested, dependencies(Files.writeString(temp.resolve("lock"), locked)));
        Files.writeString(repo.resolve("app/Chart.lock"), locked + "digest: " + digest + "\n");

        assertThat(helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS)).isEqualTo(golden());
        assertThat(server.requests()).as("the constraint >=0.1.0 <1.0.0 alone would take 0.3.0")
                .contains("/repository/metrics-0.2.0.tgz").doesNotContain("/repository/metrics-0.3.0.tgz");

        Files.writeString(repo.resolve("app/Chart.lock"), locked + "digest: sha256:" + "0".repeat(64) + "\n");
        assertThatThrownBy(() -> helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("the Chart.lock of the chart app is out of sync with the dependencies of its Chart.yaml "
                        + "(helm dependency build refuses it); run helm dependency update and commit Chart.lock");
    }

    @Test
    void aFailedDownloadNamesTheChartTheDependencyAndTheRepositoryWithoutCredentials() throws IOException {
        String withCredentials = server.repositoryUrl().replace("http://", "http://bot:s3cr3t@") + "/nowhere";
        chartYaml(withCredentials);

        assertThatThrownBy(() -> helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("cannot download dependency 'cache' ^1.1.0 (repository http://***@"
                        + server.host() + "/repository/nowhere) of the chart app: ")
                .hasMessageContaining("HTTP 404")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aVersionNoRepositoryHasIsAClearError() throws IOException {
        chartYaml(server.repositoryUrl());
        Files.writeString(repo.resolve("app/Chart.yaml"), Files.readString(repo.resolve("app/Chart.yaml"))
                .replace("version: ^1.1.0", "version: ^3.0.0"));

        assertThatThrownBy(() -> helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("cannot download dependency 'cache' ^3.0.0 (repository " + server.repositoryUrl()
                        + ") of the chart app: chart 'cache' has no version matching '^3.0.0' in "
                        + server.repositoryUrl() + "/index.yaml");
    }

    @Test
    void anArchiveWithEntriesOutsideTheChartIsRefused() throws IOException {
        server.replace("metrics", "0.3.0", new TarBuilder().file("metrics/Chart.yaml", "apiVersion: v2\nname: metrics\n"
                + "version: 0.3.0\n").file("metrics/../../../escaped.yaml", "kind: x\n").gzip());
        chartYaml(server.ociUrl());

        assertThatThrownBy(() -> helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("metrics/../../../escaped.yaml that lies outside the chart; refusing it");
        assertThat(temp.resolve("escaped.yaml")).doesNotExist();
    }

    @Test
    void anArchiveLargerThanTheLimitIsRefused() throws IOException {
        chartYaml(server.ociUrl());
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(10), 300,
                registry(DownloadDeadline.DEFAULT, 300), DownloadDeadline.DEFAULT);

        try (HelmRenderer helm = HelmRenderer.builder().chartRepository(repository).build()) {
            assertThatThrownBy(() -> helm.render(RepositoryRoot.of(repo), "app", OPTIONS))
                    .isInstanceOf(HelmException.class)
                    .hasMessageStartingWith("cannot download dependency 'cache' ^1.1.0 (repository " + server.ociUrl()
                            + ") of the chart app: chart " + server.host() + "/deps/cache:1.1.0 is ")
                    .hasMessageEndingWith("bytes, larger than the 300 bytes allowed; refusing it");
        }
        assertThat(server.requests()).noneMatch(path -> path.contains("/blobs/"));
    }

    @Test
    void manyDependenciesTogetherCannotDownloadMoreThanTheChartLimit() throws IOException {
        chartYaml(server.repositoryUrl());
        HelmLimits limits = HelmLimits.DEFAULTS.withMaxChartBytes(1_500);
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(10), 1_500,
                registry(DownloadDeadline.DEFAULT, 1_500), DownloadDeadline.DEFAULT);

        try (HelmRenderer helm = HelmRenderer.builder().limits(limits).chartRepository(repository).build()) {
            assertThatThrownBy(() -> helm.render(RepositoryRoot.of(repo), "app", OPTIONS))
                    .isInstanceOf(HelmException.class)
                    .hasMessageStartingWith("the dependencies of the chart app are larger than the limit of 1500 bytes "
                            + "(at dependency 'cache' 2.0.0 (repository " + server.repositoryUrl() + ")");
        }
    }

    @Test
    void aDependencyNameThatIsAPathIsRefused() throws IOException {
        Files.writeString(repo.resolve("app/Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n"
                + "- name: ../../escape\n  version: 1.0.0\n  repository: " + server.repositoryUrl() + "\n");

        assertThatThrownBy(() -> helm(DownloadDeadline.DEFAULT).render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessage("dependency '../../escape' of the chart app is not a chart name; fix its name in Chart.yaml");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aRegistryThatNeverAnswersIsCutOffAtTheDeadline() throws IOException {
        chartYaml(server.ociUrl());
        server.stallRegistry();
        DownloadDeadline deadline = new DownloadDeadline(Duration.ofMillis(500),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        assertThatThrownBy(() -> helm(deadline).render(RepositoryRoot.of(repo), "app", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("cannot download dependency 'cache' ^1.1.0 (repository " + server.ociUrl()
                        + ") of the chart app: downloading the tags of " + server.host() + "/deps/cache from ")
                .hasMessageContaining("did not finish within 0 s");
    }

    @Test
    void withoutAChartRepositoryNothingIsDownloaded() throws IOException {
        chartYaml(server.repositoryUrl());

        try (HelmRenderer offline = HelmRenderer.create()) {
            assertThatThrownBy(() -> offline.render(RepositoryRoot.of(repo), "app", OPTIONS))
                    .isInstanceOf(HelmException.class)
                    .hasMessage("dependency 'cache' ^1.1.0 (repository " + server.repositoryUrl() + ") of the chart app "
                            + "is not in its charts/ directory, and this renderer downloads no charts (give it a "
                            + "HelmChartRepository), or run helm dependency build and commit charts/");
        }
        assertThat(server.requests()).isEmpty();
    }

    private HelmRenderer helm(DownloadDeadline deadline) {
        HelmChartRepository repository = new HelmChartRepository(cache, Duration.ofSeconds(10),
                HelmLimits.DEFAULTS.maxChartBytes(), registry(deadline, HelmLimits.DEFAULTS.maxChartBytes()), deadline);
        if (shared != null) {
            shared.close();
        }
        shared = HelmRenderer.builder().chartRepository(repository).build();
        return shared;
    }

    private OciChartRegistry registry(DownloadDeadline deadline, long maxBytes) {
        return OciChartRegistry.builder(cache.resolve("oci")).plainHttp(true).login(server.host(), ChartServer.LOGIN)
                .timeout(Duration.ofSeconds(10)).maxArchiveBytes(maxBytes).downloadDeadline(deadline).build();
    }

    private void chartYaml(String repositoryUrl) throws IOException {
        Files.writeString(repo.resolve("app/Chart.yaml"), Files.readString(FIXTURES.resolve("app/Chart.yaml.template"))
                .replace("REPOSITORY", repositoryUrl));
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> dependencies(Path file) throws IOException {
        List<com.fasterxml.jackson.databind.JsonNode> list = new java.util.ArrayList<>();
        Yaml.readDocuments(Files.readString(file), file.toString()).get(0).body().path("dependencies").forEach(list::add);
        return list;
    }

    private static List<ObjectNode> golden() throws IOException {
        return Yaml.readDocuments(Files.readString(FIXTURES.resolve("expected.yaml")), "expected.yaml").stream()
                .map(YamlDocument::body).toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static Path fixtures() {
        try {
            return Path.of(Objects.requireNonNull(HelmDependencyDownloadTest.class.getResource("/helm-dependencies"))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
