package io.gitops4j.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.helm.DownloadDeadline;
import io.gitops4j.render.helm.HelmChartRepository;
import io.gitops4j.render.helm.HelmLimits;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.helm.HelmRepositoryCredentials;
import io.gitops4j.render.helm.HelmRepositoryLogins;
import io.gitops4j.render.helm.OciChartRegistry;
import io.gitops4j.render.helm.RegistryLogin;
import io.gitops4j.render.kustomize.KustomizeBuildOptions;
import io.gitops4j.render.kustomize.KustomizeOverrides;
import io.gitops4j.render.kustomize.KustomizePlugins;
import io.gitops4j.render.kustomize.KustomizeRenderer;
import io.gitops4j.render.kustomize.LoadRestrictor;
import io.gitops4j.render.plugin.ConfigManagementPlugin;
import io.gitops4j.render.plugin.PluginException;
import io.gitops4j.render.plugin.PluginRunner;
import io.gitops4j.render.plugin.PluginSource;
import io.gitops4j.render.source.RemoteSourceFetcher;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Manifests from any GitOps source, the entry point of gitops-render: picks the source type as
 * Argo CD does ({@link RendererSelection}) and renders plain directories, Kustomize (in process),
 * Helm charts (helm-java) and config management plugins, with a bounded cache keyed by commit,
 * path and options.
 *
 * <pre>{@code
 * Renderer renderer = Renderer.builder().plugin(ConfigManagementPlugin.of("jsonnet", List.of("jsonnet", "-y", "main.jsonnet"))).build();
 * Rendered rendered = renderer.render(RenderRequest.of(RepositoryRoot.of(checkout), "apps/shop"));
 * }</pre>
 *
 * <p>Thread-safe. Nothing is read from outside the repository ({@link RepositoryRoot}); nothing in
 * it is written. Rendering contacts no cluster, and the network only as configured: chart
 * repositories named by a source, and Kustomize remote bases through the
 * {@link Builder#remoteBases fetcher} given here. Plugins are external programs and are not
 * confined (see {@link PluginRunner}).
 */
public final class Renderer {

    private final Optional<RemoteSourceFetcher> remoteFetcher;
    private final Map<String, ConfigManagementPlugin> plugins;
    private final RenderCache cache;
    private final HelmChartRepository chartRepository;
    private final boolean kustomizeHelmCharts;
    private final KustomizePlugins kustomizePlugins;
    private final LoadRestrictor kustomizeLoadRestrictor;
    private final HelmRenderer helm;

    private Renderer(Builder builder) {
        this.remoteFetcher = builder.remoteFetcher;
        this.plugins = Map.copyOf(builder.plugins);
        this.cache = new RenderCache(builder.cacheSize);
        OciChartRegistry.Builder registry = OciChartRegistry.builder(builder.chartCache.resolve("oci"))
                .timeout(builder.httpTimeout).maxArchiveBytes(builder.helmLimits.maxChartBytes())
                .downloadDeadline(builder.downloadDeadline);
        builder.registryLogins.forEach(registry::login);
        this.chartRepository = new HelmChartRepository(builder.chartCache, builder.httpTimeout,
                builder.helmLimits.maxChartBytes(), registry.build(), builder.downloadDeadline,
                builder.helmRepositories.build());
        this.kustomizeHelmCharts = builder.kustomizeHelmCharts;
        this.kustomizePlugins = builder.kustomizePlugins;
        this.kustomizeLoadRestrictor = builder.kustomizeLoadRestrictor;
        this.helm = HelmRenderer.builder().limits(builder.helmLimits).chartRepository(chartRepository).build();
    }

    /**
     * Starts configuring a renderer; the defaults render directories, Kustomize and Helm.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders a source.
     *
     *
     * @param request the repository, path, source options and application
     * @return the objects, in the order the source produced them; answered from the cache when the request
     *     names a revision rendered before with the same options
     * @throws RenderException (or a subclass naming the kustomization, chart or plugin) when the
     *     source cannot be rendered
     * @throws io.gitops4j.kube.ManifestException naming the file and line of a malformed manifest
     */
    public Rendered render(RenderRequest request) {
        boolean cacheable = !request.revision().isEmpty();
        RenderCache.Key key = cacheable ? cacheKey(request) : RenderCache.Key.of(request);
        if (cacheable) {
            Optional<Rendered> cached = cache.get(key);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        Rendered rendered = renderUncached(request);
        if (cacheable) {
            cache.put(key, rendered);
        }
        return rendered;
    }

    /**
     * Renders a source without reading the cache, and caches the new result in place of the old
     * one: Argo CD's hard refresh, for sources whose output can change at one commit (a remote
     * Kustomize base on a branch, a chart version range).
     *
     *
     * @param request the repository, path, source options and application
     * @return the objects, in the order the source produced them
     * @throws RenderException as {@link #render}
     */
    public Rendered renderFresh(RenderRequest request) {
        Rendered rendered = renderUncached(request);
        if (!request.revision().isEmpty()) {
            cache.put(cacheKey(request), rendered);
        }
        return rendered;
    }

    /** The cache key: without the application for a plain directory, whose files alone make its manifests. */
    private static RenderCache.Key cacheKey(RenderRequest request) {
        SourceOptions options = request.options();
        if (options.chart().isPresent()) {
            return RenderCache.Key.of(request);
        }
        Path directory = request.repository().resolve(request.path());
        boolean plainDirectory = Files.isDirectory(directory)
                && RendererSelection.select(directory, options) == SourceType.DIRECTORY;
        return plainDirectory ? RenderCache.Key.ofDirectory(request) : RenderCache.Key.of(request);
    }

    /**
     * How many renders were answered from the cache (for metrics and tests).
     *
     * @return the number of cache hits since the renderer was built
     */
    public long cacheHits() {
        return cache.hits();
    }

    private Rendered renderUncached(RenderRequest request) {
        SourceOptions options = request.options();
        if (options.chart().isPresent()) {
            HelmChartSource chart = options.chart().get();
            HelmOptions helmOptions = helmOptions(request);
            Path archive = chartRepository.fetch(chart.repoURL(), chart.chart(), chart.version(),
                    helmOptions.passCredentials());
            return new Rendered(SourceType.HELM, helm.renderPackaged(archive, helmOptions, references(request)));
        }
        Path directory = request.repository().resolve(request.path());
        if (!Files.isDirectory(directory)) {
            throw new RenderException("path '" + request.path() + "' is a file; an application path must be a directory");
        }
        SourceType type = RendererSelection.select(directory, options);
        List<ObjectNode> objects = switch (type) {
            case DIRECTORY -> DirectoryRenderer.of(options.directory().orElse(DirectorySource.DEFAULTS))
                    .render(request.repository(), request.path());
            case KUSTOMIZE -> kustomize(options.kustomize().orElse(KustomizeOverrides.NONE))
                    .render(request.repository(), request.path());
            case HELM -> helm.render(request.repository(), request.path(), helmOptions(request), references(request));
            case PLUGIN -> plugin(request, options.plugin().orElseThrow(), directory);
        };
        return new Rendered(type, objects);
    }

    private KustomizeRenderer kustomize(KustomizeOverrides overrides) {
        KustomizeRenderer renderer = KustomizeRenderer.create().overrides(overrides).plugins(kustomizePlugins)
                .loadRestrictor(kustomizeLoadRestrictor);
        if (remoteFetcher.isPresent()) {
            renderer = renderer.remoteBases(remoteFetcher.get());
        }
        if (kustomizeHelmCharts) {
            renderer = renderer.helmCharts(helm, chartRepository);
        }
        return renderer;
    }

    private static Map<String, RepositoryRoot> references(RenderRequest request) {
        Map<String, RepositoryRoot> roots = new LinkedHashMap<>();
        request.references().forEach((name, source) -> roots.put(name, source.repository()));
        return roots;
    }

    private static HelmOptions helmOptions(RenderRequest request) {
        HelmOptions options = request.options().helm().orElse(HelmOptions.DEFAULTS);
        if (options.releaseName().isEmpty()) {
            options = options.withReleaseName(request.appName().isEmpty() ? "release-name" : request.appName());
        }
        if (options.namespace().isEmpty() && !request.namespace().isEmpty()) {
            options = options.withNamespace(request.namespace());
        }
        if (options.kubeVersion().isEmpty() && !request.kubeVersion().isEmpty()) {
            options = options.withKubeVersion(request.kubeVersion());
        }
        return options;
    }

    private List<ObjectNode> plugin(RenderRequest request, PluginSource source, Path directory) {
        ConfigManagementPlugin plugin = plugins.get(source.name());
        if (plugin == null) {
            throw new PluginException("plugin '" + source.name() + "' is not configured"
                    + (plugins.isEmpty() ? "; no plugins are" : "; configured plugins: " + plugins.keySet().stream().sorted().toList()));
        }
        return PluginRunner.run(plugin, source, directory, request.argoEnvironment());
    }

    /** Configures a {@link Renderer}. */
    public static final class Builder {
        private Optional<RemoteSourceFetcher> remoteFetcher = Optional.empty();
        private final Map<String, ConfigManagementPlugin> plugins = new LinkedHashMap<>();
        private int cacheSize = 256;
        private Path chartCache = Path.of(System.getProperty("java.io.tmpdir"), "gitops4j-charts");
        private Duration httpTimeout = Duration.ofSeconds(60);
        private DownloadDeadline downloadDeadline = DownloadDeadline.DEFAULT;
        private boolean kustomizeHelmCharts;
        private KustomizePlugins kustomizePlugins = KustomizePlugins.DISABLED;
        private LoadRestrictor kustomizeLoadRestrictor = LoadRestrictor.ROOT_ONLY;
        private HelmLimits helmLimits = HelmLimits.DEFAULTS;
        private final Map<String, RegistryLogin> registryLogins = new LinkedHashMap<>();
        private final HelmRepositoryLogins.Builder helmRepositories = HelmRepositoryLogins.builder();

        private Builder() {
        }

        /**
         * Allows Kustomize remote bases, fetched through {@code fetcher} (off by default).
         *
         * @param fetcher fetches a remote base's repository at its ref
         * @return this builder
         */
        public Builder remoteBases(RemoteSourceFetcher fetcher) {
            this.remoteFetcher = Optional.of(Objects.requireNonNull(fetcher, "fetcher"));
            return this;
        }

        /**
         * Adds a config management plugin, found by its name.
         *
         * @param plugin the plugin; one of the same name added before is replaced
         * @return this builder
         */
        public Builder plugin(ConfigManagementPlugin plugin) {
            plugins.put(plugin.name(), plugin);
            return this;
        }

        /**
         * How many renderings are kept (default 256; 0 switches caching off).
         *
         * @param entries the number of renderings kept, 0 for none
         * @return this builder
         * @throws IllegalArgumentException when {@code entries} is negative
         */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cache size must not be negative");
            }
            this.cacheSize = entries;
            return this;
        }

        /**
         * Where charts downloaded from chart repositories are kept (default: a folder in the temp directory).
         *
         * @param directory the cache directory; created when missing
         * @return this builder
         */
        public Builder chartCache(Path directory) {
            this.chartCache = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The limit for each chart repository request (default 60 s).
         *
         * @param timeout the time a single request may take
         * @return this builder
         */
        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long one chart download (an {@code index.yaml}, a chart archive, an OCI manifest or
         * blob) may take in all, body included (default 2 minutes): a server that trickles its
         * answer is cut off with an error naming the URL.
         *
         * @param total the longest one download may take; positive
         * @return this builder
         */
        public Builder downloadDeadline(Duration total) {
            this.downloadDeadline = DownloadDeadline.of(total);
            return this;
        }

        /**
         * The login for charts from an OCI registry host ({@code repoURL: oci://HOST/...}), as
         * {@code helm registry login HOST}; anonymous access needs none.
         *
         * @param registry the registry host, {@code registry.example.com} or {@code host:port}
         * @param login the user name and password or token
         * @return this builder
         */
        public Builder registryLogin(String registry, RegistryLogin login) {
            registryLogins.put(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(login, "login"));
            return this;
        }

        /**
         * The credentials of one {@code https://} chart repository (Argo CD's {@code repository}
         * Secret with {@code type: helm}), sent for its {@code index.yaml} and chart archives, and
         * for chart dependencies on it, to its own scheme, host and port only (unless an
         * application sets {@code helm.passCredentials}).
         *
         * @param url the repository's URL, as sources and {@code Chart.yaml} dependencies name it
         * @param credentials the user name and password, TLS client certificate, {@code insecure}
         * @return this builder
         */
        public Builder helmRepository(String url, HelmRepositoryCredentials credentials) {
            helmRepositories.repository(url, credentials);
            return this;
        }

        /**
         * The credentials of every {@code https://} chart repository under a URL prefix on one host
         * (Argo CD's {@code repo-creds} Secret with {@code type: helm}); a repository's own
         * {@link #helmRepository} entry wins, else the longest prefix.
         *
         * @param urlPrefix the URL prefix, for example {@code https://charts.example.com/team/}
         * @param credentials what those repositories are sent
         * @return this builder
         */
        public Builder helmRepositoryCredentialTemplate(String urlPrefix, HelmRepositoryCredentials credentials) {
            helmRepositories.credentialTemplate(urlPrefix, credentials);
            return this;
        }

        /**
         * Inflates Kustomize's {@code helmCharts} (Argo CD's {@code --enable-helm}; off by default).
         *
         * @param enabled whether to inflate {@code helmCharts}
         * @return this builder
         */
        public Builder kustomizeHelmCharts(boolean enabled) {
            this.kustomizeHelmCharts = enabled;
            return this;
        }

        /**
         * Lets kustomizations run external plugins as {@code plugins} says (Kustomize's
         * {@code --enable-alpha-plugins} and {@code --enable-exec}; off by default): legacy exec
         * plugins from the plugin home and exec KRM functions, each confined to the repository or
         * the plugin home and limited in time and output ({@link KustomizePlugins}).
         *
         * @param plugins what may run, the plugin home and the limits
         * @return this builder
         */
        public Builder kustomizePlugins(KustomizePlugins plugins) {
            this.kustomizePlugins = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        /**
         * Applies Argo CD's {@code kustomize.buildOptions}: {@code --enable-alpha-plugins} and
         * {@code --enable-exec} (external plugins, with the plugin home Kustomize finds in this
         * process's environment unless {@link #kustomizePlugins} set one; as in Kustomize,
         * {@code --enable-exec} needs {@code --enable-alpha-plugins}), {@code --enable-helm} and
         * {@code --load-restrictor}.
         *
         * @param options the flags, as in {@code argocd-cm}
         * @return this builder
         * @throws IllegalArgumentException naming a flag the in-process Kustomize does not support
         */
        public Builder kustomizeBuildOptions(String options) {
            KustomizeBuildOptions parsed = KustomizeBuildOptions.parse(options);
            KustomizePlugins plugins = kustomizePlugins;
            if (parsed.alphaPlugins() && plugins.pluginHome().isEmpty()) {
                plugins = KustomizePlugins.alphaPluginsEnabled().withTimeout(plugins.timeout())
                        .withMaxOutputBytes(plugins.maxOutputBytes());
            }
            // as in Kustomize, --enable-exec alone changes nothing: exec functions are external plugins
            this.kustomizePlugins = new KustomizePlugins(parsed.alphaPlugins(), parsed.alphaPlugins() && parsed.exec(),
                    plugins.pluginHome(), plugins.timeout(), plugins.maxOutputBytes());
            this.kustomizeHelmCharts = parsed.helm();
            this.kustomizeLoadRestrictor = parsed.loadRestrictor();
            return this;
        }

        /**
         * The limits for Helm charts: file, chart and output sizes, nesting, time (default {@link HelmLimits#DEFAULTS}).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder helmLimits(HelmLimits limits) {
            this.helmLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * A renderer with these settings.
         *
         * @return the renderer
         */
        public Renderer build() {
            return new Renderer(this);
        }
    }
}
