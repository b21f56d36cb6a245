package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.diff.ManifestException;
import io.gitops4j.diff.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Charts from an HTTP chart repository (Argo CD's {@code repoURL} + {@code chart} +
 * {@code targetRevision}): reads the repository's {@code index.yaml}, picks the version (exact,
 * {@code 1.2.*} style wildcards, or the newest when empty), downloads the archive once into a
 * cache folder and checks its digest. Thread-safe: concurrent fetches of one archive store it once.
 */
public final class HelmChartRepository {

    private final Path cache;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param cacheDirectory where downloaded chart archives are kept; created when missing
     * @param timeout the limit for each HTTP request
     */
    public HelmChartRepository(Path cacheDirectory, Duration timeout) {
        this.cache = cacheDirectory;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The chart archive, downloaded when not cached yet.
     *
     * @param repoURL the repository, for example {@code https://charts.example.com}
     * @param chart the chart name
     * @param version an exact version, a wildcard such as {@code 1.2.*}, or empty for the newest
     * @throws HelmException naming the repository, chart and version when it cannot be had
     */
    public Path fetch(String repoURL, String chart, String version) {
        String base = repoURL.endsWith("/") ? repoURL : repoURL + "/";
        JsonNode entry = pick(index(base), base, chart, version);
        String resolvedVersion = entry.path("version").asText();
        Path archive = cache.resolve(sha256(base).substring(0, 16)).resolve(chart + "-" + resolvedVersion + ".tgz");
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        JsonNode urls = entry.path("urls");
        if (!urls.isArray() || urls.isEmpty()) {
            throw new HelmException("chart " + chart + " " + resolvedVersion + " in " + base + " has no download URL");
        }
        byte[] content = get(URI.create(base).resolve(urls.get(0).asText()), chart + " " + resolvedVersion);
        String digest = entry.path("digest").asText("");
        if (!digest.isEmpty() && !digest.equalsIgnoreCase(sha256(content))) {
            throw new HelmException("chart " + chart + " " + resolvedVersion + " from " + base
                    + " does not match the digest in index.yaml; refusing it");
        }
        store(archive, content);
        return archive;
    }

    private JsonNode index(String base) {
        String text = new String(get(URI.create(base + "index.yaml"), "index.yaml"), StandardCharsets.UTF_8);
        try {
            return Yaml.readDocuments(text, base + "index.yaml").get(0).body();
        } catch (ManifestException | IndexOutOfBoundsException e) {
            throw new HelmException(base + "index.yaml is not a chart repository index: " + e.getMessage(), e);
        }
    }

    private static JsonNode pick(JsonNode index, String base, String chart, String version) {
        JsonNode versions = index.path("entries").path(chart);
        if (!versions.isArray() || versions.isEmpty()) {
            throw new HelmException("chart '" + chart + "' not found in " + base + "index.yaml");
        }
        JsonNode best = null;
        Pattern wanted = version.isEmpty() ? null
                : Pattern.compile("^v?" + Pattern.quote(version.replaceFirst("^v", "")).replace("*", "\\E[^.]+\\Q") + "$");
        for (JsonNode entry : versions) {
            String candidate = entry.path("version").asText();
            if (wanted != null && !wanted.matcher(candidate).matches()) {
                continue;
            }
            if (wanted == null && candidate.contains("-")) {
                continue;
            }
            if (best == null || SemanticVersion.compare(candidate, best.path("version").asText()) > 0) {
                best = entry;
            }
        }
        if (best == null) {
            throw new HelmException("chart '" + chart + "' has no version matching '" + version + "' in " + base
                    + "index.yaml");
        }
        return best;
    }

    private byte[] get(URI uri, String what) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new HelmException("cannot download " + what + " from " + uri + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new HelmException("cannot download " + what + " from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelmException("interrupted while downloading " + what + " from " + uri, e);
        }
    }

    private static void store(Path archive, byte[] content) {
        try {
            Files.createDirectories(archive.getParent());
            Path temporary = Files.createTempFile(archive.getParent(), ".download-", ".tgz");
            Files.write(temporary, content);
            Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Orders {@code major.minor.patch[-pre]} versions numerically; pre-releases before releases. */
    static final class SemanticVersion {

        private SemanticVersion() {
        }

        static int compare(String a, String b) {
            String[] left = a.replaceFirst("^v", "").split("[-+]", 2);
            String[] right = b.replaceFirst("^v", "").split("[-+]", 2);
            String[] l = left[0].split("\\.");
            String[] r = right[0].split("\\.");
            for (int i = 0; i < Math.max(l.length, r.length); i++) {
                int c = Long.compare(number(l, i), number(r, i));
                if (c != 0) {
                    return c;
                }
            }
            if (left.length != right.length) {
                return left.length == 1 ? 1 : -1;
            }
            return left.length == 1 ? 0 : left[1].compareTo(right[1]);
        }

        private static long number(String[] parts, int i) {
            try {
                return i < parts.length ? Long.parseLong(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
