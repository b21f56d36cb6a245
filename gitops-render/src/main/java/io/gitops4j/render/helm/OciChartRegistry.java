package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Charts stored in an OCI registry ({@code repoURL: oci://registry/path}), fetched as
 * {@code helm pull oci://...} fetches them through the OCI distribution API: the tag's manifest,
 * its Helm chart layer ({@value #CHART_LAYER}), the layer's blob checked against its digest and
 * kept in a cache folder by digest. An exact version is the tag ({@code +} written {@code _});
 * a wildcard or an empty version reads the repository's tag list and picks as a chart
 * repository's index would.
 *
 * <p>Anonymous access and the registries' token handshake ({@code WWW-Authenticate: Bearer}) work
 * without a login; a login ({@link RegistryLogin}, per registry host) is sent as Basic
 * credentials to the registry's token service, or to the registry itself when it asks for Basic.
 * Credentials are never sent to another origin (scheme, host and port) on a redirect (blob downloads are often redirected
 * to a storage service) nor over plain HTTP to a token service, and never appear in a message.
 * Every answer is bounded (manifest, token and tag list to a few MiB, the chart to the archive
 * limit), and so is the time each takes ({@link DownloadDeadline}). Thread-safe.
 */
public final class OciChartRegistry {

    /** The media type of the layer holding the chart archive. */
    static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    private static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json";
    private static final long MAX_DOCUMENT_BYTES = 4L << 20;
    private static final int MAX_TAG_PAGES = 100;
    private static final int MAX_TAGS = 100_000;

    private final Path cache;
    private final Duration timeout;
    private final long maxArchiveBytes;
    private final Map<String, RegistryLogin> logins;
    private final boolean plainHttp;
    private final RegistryHttp http;

    private OciChartRegistry(Builder builder) {
        this.cache = builder.cache;
        this.timeout = builder.timeout;
        this.maxArchiveBytes = builder.maxArchiveBytes;
        this.logins = Map.copyOf(builder.logins);
        this.plainHttp = builder.plainHttp;
        this.http = new RegistryHttp(timeout, plainHttp, builder.deadline);
    }

    /**
     * Starts configuring a registry client.
     *
     *
     * @param cacheDirectory where chart archives are kept, by digest; created when missing
     * @return the builder
     */
    public static Builder builder(Path cacheDirectory) {
        return new Builder(cacheDirectory);
    }

    /**
     * The chart archive, downloaded when its digest is not cached yet.
     *
     *
     * @param repoURL {@code oci://registry[/path]}
     * @param chart the chart name (the last component of the repository)
     * @param version an exact version, a {@code 1.2.*} wildcard, or empty for the newest release
     * @return the path of the cached chart archive
     * @throws HelmException naming the registry, chart and version when it cannot be had
     */
    public Path fetch(String repoURL, String chart, String version) {
        return fetchChart(repoURL, chart, version).archive();
    }

    /** As {@link #fetch}, with the version chosen (the tag's). */
    FetchedChart fetchChart(String repoURL, String chart, String version) {
        OciReference reference = OciReference.of(repoURL, chart);
        Session session = new Session(reference);
        String tag = OciReference.tag(ChartVersions.isExact(version) ? version : resolve(session, version));
        if (!OciReference.isTag(tag)) {
            throw new HelmException("version '" + version + "' of chart " + reference + " is not an OCI tag (letters, "
                    + "digits, '.', '_', '-', at most 128 characters)");
        }
        JsonNode manifest = json(session.get(path(reference, "manifests/" + tag), MANIFEST_TYPES, MAX_DOCUMENT_BYTES,
                "the manifest of " + reference + ":" + tag), reference + ":" + tag);
        JsonNode layer = chartLayer(manifest, reference, tag);
        String digest = layer.path("digest").asText();
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new HelmException(reference + ":" + tag + " names its chart by digest '" + digest
                    + "'; only sha256 digests are accepted");
        }
        if (layer.path("size").asLong(0) > maxArchiveBytes) {
            throw new HelmException("chart " + reference + ":" + tag + " is " + layer.path("size").asLong()
                    + " bytes, larger than the " + maxArchiveBytes + " bytes allowed; refusing it");
        }
        Path archive = cache.resolve(digest.substring("sha256:".length()) + ".tgz");
        if (Files.isRegularFile(archive)) {
            return new FetchedChart(archive, OciReference.version(tag));
        }
        byte[] content = session.get(path(reference, "blobs/" + digest), "*/*", maxArchiveBytes,
                "chart " + reference + ":" + tag);
        if (!digest.equals("sha256:" + ChartArchives.sha256(content))) {
            throw new HelmException("chart " + reference + ":" + tag + " does not match its digest " + digest
                    + "; refusing it");
        }
        ChartArchives.store(archive, content);
        return new FetchedChart(archive, OciReference.version(tag));
    }

    private String resolve(Session session, String version) {
        OciReference reference = session.reference;
        List<String> versions = new ArrayList<>();
        String next = path(reference, "tags/list");
        for (int page = 0; next != null; page++) {
            if (page == MAX_TAG_PAGES) {
                throw new HelmException(reference + " lists more than " + MAX_TAG_PAGES + " pages of tags; "
                        + "give targetRevision as an exact version");
            }
            RegistryHttp.Answer answer = session.answer(next, "application/json", MAX_DOCUMENT_BYTES, "the tags of " + reference);
            json(answer.body(), "the tags of " + reference).path("tags").forEach(tag -> {
                if (OciReference.isTag(tag.asText())) {
                    versions.add(OciReference.version(tag.asText()));
                }
            });
            if (versions.size() > MAX_TAGS) {
                throw new HelmException(reference + " lists more than " + MAX_TAGS + " tags; give targetRevision as an "
                        + "exact version");
            }
            next = answer.nextLink();
            if (next != null && !next.startsWith(path(reference, "tags/list"))) {
                throw new HelmException("the tag list of " + reference + " continues at another address; refusing to "
                        + "follow it (give targetRevision as an exact version)");
            }
        }
        return ChartVersions.best(versions, version, "chart " + reference).orElseThrow(() -> new HelmException("chart " + reference
                + " has no version matching '" + version + "' among its " + versions.size() + " tags"));
    }

    private static JsonNode chartLayer(JsonNode manifest, OciReference reference, String tag) {
        for (JsonNode layer : manifest.path("layers")) {
            if (CHART_LAYER.equals(layer.path("mediaType").asText())) {
                return layer;
            }
        }
        throw new HelmException(reference + ":" + tag + " is not a Helm chart (its manifest has no layer of type "
                + CHART_LAYER + ")");
    }

    private String path(OciReference reference, String rest) {
        return (plainHttp ? "http://" : "https://") + reference.registry() + "/v2/" + reference.repository() + "/" + rest;
    }

    private static JsonNode json(byte[] body, String what) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new HelmException(what + " is not JSON: " + Redaction.text(String.valueOf(e.getMessage())), e);
        }
    }

    /** One fetch's conversation with a registry: remembers the token it was given. */
    private final class Session {

        private final OciReference reference;
        private final Optional<RegistryLogin> login;
        private String authorization;

        Session(OciReference reference) {
            this.reference = reference;
            this.login = Optional.ofNullable(logins.get(reference.registry()));
        }

        byte[] get(String url, String accept, long max, String what) {
            return answer(url, accept, max, what).body();
        }

        RegistryHttp.Answer answer(String url, String accept, long max, String what) {
            RegistryHttp.Answer answer = send(url, accept, max, what);
            if (answer.status() == 401 && authorization == null) {
                authorization = authorize(answer.challenge(), what);
                answer = send(url, accept, max, what);
            }
            if (answer.status() != 200) {
                throw new HelmException("cannot read " + what + " from " + reference.registry() + ": HTTP " + answer.status()
                        + (answer.status() == 401 || answer.status() == 403
                                ? " (give the registry a login: user name and password or token)" : ""));
            }
            return answer;
        }

        private String authorize(Optional<RegistryChallenge> challenge, String what) {
            if (challenge.isEmpty()) {
                throw new HelmException("cannot read " + what + " from " + reference.registry()
                        + ": HTTP 401 without a challenge this client understands");
            }
            if (!challenge.get().isBearer()) {
                return basic().orElseThrow(() -> new HelmException("registry " + reference.registry()
                        + " asks for a login to read " + what + "; give it a user name and password or token"));
            }
            Map<String, String> parameters = challenge.get().parameters();
            String realm = parameters.getOrDefault("realm", "");
            URI realmUri;
            try {
                realmUri = URI.create(realm);
            } catch (IllegalArgumentException e) {
                realmUri = null;
            }
            if (realmUri == null || realmUri.getScheme() == null
                    || !(realmUri.getScheme().equals("https") || plainHttp && realmUri.getScheme().equals("http"))) {
                throw new HelmException("registry " + reference.registry() + " sends to token service '"
                        + Redaction.url(realm) + "', which is not an https URL; refusing it");
            }
            Map<String, String> query = new LinkedHashMap<>();
            if (parameters.containsKey("service")) {
                query.put("service", parameters.get("service"));
            }
            query.put("scope", parameters.getOrDefault("scope", "repository:" + reference.repository() + ":pull"));
            StringBuilder tokenUrl = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
            query.forEach((key, value) -> tokenUrl.append(key).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
            tokenUrl.setLength(tokenUrl.length() - 1);
            RegistryHttp.Answer answer = http.get(tokenUrl.toString(), "application/json", MAX_DOCUMENT_BYTES,
                    basic().orElse(null), "a token for " + reference);
            if (answer.status() != 200) {
                throw new HelmException("the token service of " + reference.registry() + " refused a token to read "
                        + what + ": HTTP " + answer.status() + (login.isEmpty() ? " (give the registry a login)" : ""));
            }
            JsonNode token = json(answer.body(), "the token of " + reference.registry());
            String value = token.path("token").asText(token.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw new HelmException("the token service of " + reference.registry() + " answered without a token");
            }
            return "Bearer " + value;
        }

        private Optional<String> basic() {
            return login.map(l -> "Basic " + Base64.getEncoder().encodeToString(
                    (l.username() + ":" + l.password()).getBytes(StandardCharsets.UTF_8)));
        }

        private RegistryHttp.Answer send(String url, String accept, long max, String what) {
            return http.get(url, accept, max, authorization, what);
        }
    }

    /** Configures an {@link OciChartRegistry}. */
    public static final class Builder {

        private final Path cache;
        private Duration timeout = Duration.ofSeconds(60);
        private long maxArchiveBytes = HelmLimits.DEFAULTS.maxChartBytes();
        private final Map<String, RegistryLogin> logins = new LinkedHashMap<>();
        private boolean plainHttp;
        private DownloadDeadline deadline = DownloadDeadline.DEFAULT;

        private Builder(Path cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
        }

        /**
         * The limit for each HTTP request (default 60 s).
         *
         * @param timeout the time a single request may take
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long one GET (manifest, token, tag list page or chart, redirects included) may take
         * in all, body included (default {@link DownloadDeadline#DEFAULT}: 2 minutes).
         *
         * @param value the deadline
         * @return this builder
         */
        public Builder downloadDeadline(DownloadDeadline value) {
            this.deadline = Objects.requireNonNull(value, "deadline");
            return this;
        }

        /**
         * The largest chart archive downloaded (default: {@link HelmLimits#DEFAULTS}' chart size).
         *
         * @param maxArchiveBytes the largest archive, in bytes
         * @return this builder
         */
        public Builder maxArchiveBytes(long maxArchiveBytes) {
            this.maxArchiveBytes = maxArchiveBytes;
            return this;
        }

        /**
         * The login for a registry host ({@code registry.example.com} or {@code host:port}).
         *
         * @param registry the registry host, {@code registry.example.com} or {@code host:port}
         * @param login the user name and password or token
         * @return this builder
         */
        public Builder login(String registry, RegistryLogin login) {
            logins.put(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(login, "login"));
            return this;
        }

        /**
         * Talks HTTP instead of HTTPS, as {@code helm pull --plain-http}: for a registry on the
         * local machine only.
         *
         * @param plainHttp whether to use HTTP
         * @return this builder
         */
        public Builder plainHttp(boolean plainHttp) {
            this.plainHttp = plainHttp;
            return this;
        }

        /**
         * A registry client with these settings.
         *
         * @return the client
         */
        public OciChartRegistry build() {
            return new OciChartRegistry(this);
        }
    }
}
