package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.Yaml;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.Utf8Text;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Charts from an HTTP chart repository (Argo CD's {@code repoURL} + {@code chart} +
 * {@code targetRevision}) and chart dependencies: reads the repository's {@code index.yaml}, picks
 * the version (the highest satisfying a Helm version constraint, {@link ChartVersions}, or the newest
 * release when empty), downloads the archive once into a
 * cache folder and checks its digest. Downloads are bounded in bytes ({@code index.yaml} to 256 MiB,
 * archives to the chart limit) and in total time ({@link DownloadDeadline}, 2 minutes by default); URLs in messages have their credentials removed. Thread-safe: concurrent
 * fetches of one archive store it once.
 *
 * <p>An {@code https://} repository is sent the credentials {@link HelmRepositoryLogins} finds for
 * it (basic authentication, a TLS client certificate, {@code insecure}), for {@code index.yaml} and
 * for the chart archive, but only on the repository's own scheme, host and port: a chart URL of
 * the index on another host, or a redirect there, gets none unless {@code passCredentials}
 * (Argo CD's {@code helm.passCredentials}) is set ({@code ChartRepositoryHttp}).
 */
public final class HelmChartRepository {

    /** The largest {@code index.yaml} read. */
    static final long MAX_INDEX_BYTES = 256L << 20;

    private final Path cache;
    private final ChartRepositoryHttp http;
    private final long maxArchiveBytes;
    private final OciChartRegistry registry;
    private final DownloadDeadline deadline;

    /**
     * A repository client that downloads archives up to {@link HelmLimits#DEFAULTS}' chart size.
     *
     * @param cacheDirectory where downloaded chart archives are kept; created when missing
     * @param timeout the limit for each HTTP request
     */
    public HelmChartRepository(Path cacheDirectory, Duration timeout) {
        this(cacheDirectory, timeout, HelmLimits.DEFAULTS.maxChartBytes());
    }

    /**
     * @param cacheDirectory where downloaded chart archives are kept; created when missing
     * @param timeout the limit for each HTTP request
     * @param maxArchiveBytes the largest chart archive downloaded (compressed; use the
     *     {@link HelmLimits#maxChartBytes()} the chart will be templated with)
     */
    public HelmChartRepository(Path cacheDirectory, Duration timeout, long maxArchiveBytes) {
        this(cacheDirectory, timeout, maxArchiveBytes, OciChartRegistry.builder(cacheDirectory.resolve("oci"))
                .timeout(timeout).maxArchiveBytes(maxArchiveBytes).build());
    }

    /**
     * @param cacheDirectory where downloaded chart archives are kept; created when missing
     * @param timeout the limit for each HTTP request
     * @param maxArchiveBytes the largest chart archive downloaded
     * @param registry where {@code oci://} repoURLs are fetched from (with its logins)
     */
    public HelmChartRepository(Path cacheDirectory, Duration timeout, long maxArchiveBytes, OciChartRegistry registry) {
        this(cacheDirectory, timeout, maxArchiveBytes, registry, DownloadDeadline.DEFAULT);
    }

    /**
     * @param cacheDirectory where downloaded chart archives are kept; created when missing
     * @param timeout the limit for each HTTP request to answer
     * @param maxArchiveBytes the largest chart archive downloaded
     * @param registry where {@code oci://} repoURLs are fetched from (with its logins and deadline)
     * @param deadline how long one download ({@code index.yaml} or an archive) may take in all
     */
    public HelmChartRepository(Path cacheDirectory, Duration timeout, long maxArchiveBytes, OciChartRegistry registry,
            DownloadDeadline deadline) {
        this(cacheDirectory, timeout, maxArchiveBytes, registry, deadline, HelmRepositoryLogins.NONE);
    }

    /**
     * @param cacheDirectory where downloaded chart archives are kept; created when missing
     * @param timeout the limit for each HTTP request to answer
     * @param maxArchiveBytes the largest chart archive downloaded
     * @param registry where {@code oci://} repoURLs are fetched from (with its logins and deadline)
     * @param deadline how long one download ({@code index.yaml} or an archive) may take in all
     * @param logins the credentials of {@code https://} chart repositories
     */
    public HelmChartRepository(Path cacheDirectory, Duration timeout, long maxArchiveBytes, OciChartRegistry registry,
            DownloadDeadline deadline, HelmRepositoryLogins logins) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cache = cacheDirectory;
        this.maxArchiveBytes = maxArchiveBytes;
        this.http = new ChartRepositoryHttp(timeout, deadline, Objects.requireNonNull(logins, "logins"));
    }

    /**
     * The chart archive, downloaded when not cached yet.
     *
     *
     * @param repoURL the repository, for example {@code https://charts.example.com}, or an OCI
     *     registry, {@code oci://registry.example.com/charts} or, as Argo CD writes it for a Helm
     *     OCI repository, without the scheme: {@code registry.example.com/charts}
     * @param chart the chart name
     * @param version an exact version, a constraint as Helm reads one ({@code ^1.2.0},
     *     {@code >=1.0 <2.0}, {@code 1.2.*}), or empty for the newest release
     * @return the path of the cached {@code .tgz}
     * @throws HelmException naming the repository, chart and version when it cannot be had
     */
    public Path fetch(String repoURL, String chart, String version) {
        return fetchChart(repoURL, chart, version, false).archive();
    }

    /**
     * As {@link #fetch(String, String, String)}, sending an {@code https://} repository's
     * credentials to every host its index names when {@code passCredentials} is set.
     *
     * @param repoURL the repository or OCI registry
     * @param chart the chart name
     * @param version an exact version, a constraint, or empty for the newest release
     * @param passCredentials Argo CD's {@code helm.passCredentials}: credentials also to other hosts
     * @return the path of the cached {@code .tgz}
     * @throws HelmException naming the repository, chart and version when it cannot be had
     */
    public Path fetch(String repoURL, String chart, String version, boolean passCredentials) {
        return fetchChart(repoURL, chart, version, passCredentials).archive();
    }

    /** As {@link #fetch}, with the version chosen. */
    FetchedChart fetchChart(String repoURL, String chart, String version, boolean passCredentials) {
        if (OciReference.isOci(repoURL)) {
            return registry.fetchChart(repoURL, chart, version);
        }
        if (!repoURL.isEmpty() && !repoURL.contains("://")) {
            // Argo CD's form for a Helm OCI registry: the repoURL without a scheme (helm.IsHelmOciRepo)
            return registry.fetchChart(OciReference.SCHEME + repoURL, chart, version);
        }
        if (!repoURL.regionMatches(true, 0, "https://", 0, 8) && !repoURL.regionMatches(true, 0, "http://", 0, 7)) {
            throw new HelmException("repoURL " + Redaction.url(repoURL) + " of chart '" + chart + "' is neither a chart "
                    + "repository (https://...) nor an OCI registry (oci://...); write it with its scheme");
        }
        String base = repoURL.endsWith("/") ? repoURL : repoURL + "/";
        JsonNode entry = pick(index(base, passCredentials), base, chart, version);
        String resolvedVersion = entry.path("version").asText();
        Path archive = cache.resolve(sha256(base).substring(0, 16)).resolve(chart + "-" + resolvedVersion + ".tgz");
        if (Files.isRegularFile(archive)) {
            return new FetchedChart(archive, resolvedVersion);
        }
        JsonNode urls = entry.path("urls");
        if (!urls.isArray() || urls.isEmpty()) {
            throw new HelmException("chart " + chart + " " + resolvedVersion + " in " + Redaction.url(base)
                    + " has no download URL");
        }
        byte[] content = http.get(base, URI.create(base).resolve(urls.get(0).asText()), chart + " " + resolvedVersion,
                maxArchiveBytes, passCredentials);
        String digest = entry.path("digest").asText("");
        if (!digest.isEmpty() && !digest.equalsIgnoreCase(ChartArchives.sha256(content))) {
            throw new HelmException("chart " + chart + " " + resolvedVersion + " from " + Redaction.url(base)
                    + " does not match the digest in index.yaml; refusing it");
        }
        ChartArchives.store(archive, content);
        return new FetchedChart(archive, resolvedVersion);
    }

    private JsonNode index(String base, boolean passCredentials) {
        String source = Redaction.url(base) + "index.yaml";
        String text;
        try {
            text = Utf8Text.decode(http.get(base, URI.create(base + "index.yaml"), "index.yaml", MAX_INDEX_BYTES,
                    passCredentials), source);
        } catch (HelmException e) {
            throw e;
        } catch (RenderException e) {
            throw new HelmException(e.getMessage(), e);
        }
        try {
            return Yaml.readDocuments(text, source).get(0).body();
        } catch (ManifestException | IndexOutOfBoundsException e) {
            throw new HelmException(source + " is not a chart repository index: " + Redaction.text(e.getMessage()), e);
        }
    }

    private static JsonNode pick(JsonNode index, String base, String chart, String version) {
        JsonNode versions = index.path("entries").path(chart);
        if (!versions.isArray() || versions.isEmpty()) {
            throw new HelmException("chart '" + chart + "' not found in " + Redaction.url(base) + "index.yaml");
        }
        List<String> offered = new ArrayList<>();
        versions.forEach(entry -> offered.add(entry.path("version").asText()));
        String best = ChartVersions.best(offered, version, "chart '" + chart + "' in " + Redaction.url(base)).orElseThrow(() -> new HelmException("chart '" + chart
                + "' has no version matching '" + version + "' in " + Redaction.url(base) + "index.yaml"));
        return versions.get(offered.indexOf(best));
    }

    private static String sha256(String text) {
        return ChartArchives.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
