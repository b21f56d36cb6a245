package io.gitops4j.core.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.git.Checkout;
import io.gitops4j.core.git.CheckoutLease;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.ResolvedRevision;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.k8s.health.ApplicationHealth;
import io.gitops4j.k8s.health.ManagedResource;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.k8s.sync.LiveObjects;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.StateComparer;
import io.gitops4j.k8s.sync.SyncOptionList;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.Redaction;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Rendered;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The parts of a reconcile and its steps, Argo CD's app state manager: resolve an application's
 * revision (through the shared Git cache), render it (cached by commit), compare it with the
 * cluster, judge health, and the settings every sync of the application carries. The one-shot
 * {@code GitOps} facade and the application controller run the same steps on the same parts, so
 * they share the Git cache, the renderer and its cache, the differ, the health checks and the
 * sync engine's settings.
 *
 * <p>Everything that can fail on bad input (resolve, fetch, render, prepare) happens before the
 * comparison, and none of it writes to the cluster. Thread-safe.
 */
public final class AppStateManager {

    private final Cluster cluster;
    private final GitSource git;
    private final Renderer renderer;
    private final Path chartSourceRoot;
    private final ResourceDiffer differ;
    private final HealthAssessor health;
    private final ResourceTracking tracking;
    private final Clock clock;
    private final Consumer<SyncEngine.Builder> syncEngineSettings;
    private final StepPacer pacer;
    private final SourcesRenderer sources = new SourcesRenderer(this);
    private final ClusterKubeVersion kubeVersion;

    private AppStateManager(AppStateManager parts, Cluster other) {
        this.cluster = other;
        this.git = parts.git;
        this.renderer = parts.renderer;
        this.chartSourceRoot = parts.chartSourceRoot;
        this.differ = parts.differ;
        this.health = parts.health;
        this.tracking = parts.tracking;
        this.clock = parts.clock;
        this.syncEngineSettings = parts.syncEngineSettings;
        this.pacer = parts.pacer;
        this.kubeVersion = new ClusterKubeVersion(other, parts.clock);   // Helm sees the destination's version
    }

    /**
     * The same parts (Git cache, renderer, differ, health, tracking, clock) over another cluster:
     * what an engine with many destination clusters renders against and compares with for the
     * applications of that cluster.
     *
     * @param other the cluster of the other destination
     * @return a manager sharing every part of this one but the cluster
     */
    public AppStateManager withCluster(Cluster other) {
        return other == cluster ? this : new AppStateManager(this, Objects.requireNonNull(other, "cluster"));
    }

    private AppStateManager(Builder builder) {
        this.cluster = builder.cluster;
        this.git = builder.git;
        this.renderer = builder.renderer;
        this.chartSourceRoot = builder.chartSourceRoot;
        this.differ = builder.differ;
        this.health = builder.health;
        this.tracking = builder.tracking;
        this.clock = builder.clock;
        this.syncEngineSettings = builder.syncEngineSettings;
        this.pacer = builder.pacer.orElseGet(() -> StepPacer.sleeping(builder.clock));
        this.kubeVersion = new ClusterKubeVersion(builder.cluster, builder.clock);
    }

    /**
     * Starts configuring the parts; all are required except the sync engine's settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The commit the application's target revision names now (a chart source's version as it is):
     * one {@code ls-remote} or a recent one's answer, no fetch.
     *
     * @param source the application's source
     * @return the commit SHA (or chart version) and the commit's message
     * @throws io.gitops4j.core.git.GitException when the repository cannot be listed or the
     *     revision names nothing there
     */
    public ResolvedRevision resolve(ApplicationSource source) {
        return source.isHelmChartRepository() ? chartVersion(source) : git.resolve(source.repoURL(), source.targetRevision());
    }

    /**
     * As {@link #resolve(ApplicationSource)}, against refs listed at or after
     * {@code refsListedSince} ({@link GitSource#resolve(String, String, Instant)}): one
     * {@code ls-remote} per repository per refresh round.
     *
     * @param source the application's source
     * @param refsListedSince the start of the current refresh round; refs listed before it are listed again
     * @return the commit SHA (or chart version) and the commit's message
     */
    public ResolvedRevision resolve(ApplicationSource source, Instant refsListedSince) {
        return source.isHelmChartRepository() ? chartVersion(source)
                : git.resolve(source.repoURL(), source.targetRevision(), refsListedSince);
    }

    /**
     * What every source of the application names now ({@code spec.sources}, or its one source),
     * against refs listed at or after {@code refsListedSince}.
     *
     * @param app the application
     * @param refsListedSince the start of the current refresh round; refs listed before it are listed again
     * @return the resolution of each source, in order
     * @throws io.gitops4j.core.git.GitException when the one source cannot be resolved
     * @throws SourceException naming the source, of several, that cannot be resolved
     */
    public AppRevision resolve(Application app, Instant refsListedSince) {
        return app.hasMultipleSources() ? sources.resolve(app, List.of(), Optional.of(refsListedSince))
                : new AppRevision(List.of(app.source()), List.of(resolve(app.source(), refsListedSince)));
    }

    /**
     * As {@link #resolve(Application, Instant)}, with the listing {@link GitSource} would reuse anyway.
     *
     * @param app the application
     * @return the resolution of each source, in order
     */
    public AppRevision resolve(Application app) {
        return app.hasMultipleSources() ? sources.resolve(app, List.of(), Optional.empty())
                : new AppRevision(List.of(app.source()), List.of(resolve(app.source())));
    }

    /**
     * What a sync of an application with several sources syncs: the revisions of a comparison
     * ({@code revision} as {@link SourceRevisions#join} wrote it), or, when {@code revision} is
     * empty, what each source's {@code targetRevision} names now, listed again.
     *
     * @param app the application, with several sources
     * @param revision the revisions joined by {@link SourceRevisions#join}; empty for the target revisions
     * @param refsListedSince the start of the current refresh round; refs listed before it are listed again
     * @return the resolution of each source, in order
     * @throws SourceException when {@code revision} does not hold one revision per source, or a
     *     source cannot be resolved
     */
    public AppRevision resolveSources(Application app, String revision, Instant refsListedSince) {
        List<String> pinned = revision.isEmpty() ? List.of() : SourceRevisions.split(revision, app.allSources().size());
        if (pinned.isEmpty()) {
            app.allSources().stream().filter(s -> !s.isHelmChartRepository()).forEach(s -> git.refresh(s.repoURL()));
        }
        return sources.resolve(app, pinned, Optional.of(refsListedSince));
    }

    /**
     * Renders the application at resolved revisions: its one source as
     * {@link #render(Application, ApplicationSource, ResolvedRevision, boolean)} does, or each of
     * its several sources, concatenated in their order.
     *
     * @param app the application
     * @param revision the resolution of each of its sources
     * @param hardRefresh whether to render again, ignoring the renderer's cache
     * @return the desired objects, with the revisions they came from and the source type
     * @throws SourceException naming the source, of several, that cannot be checked out or rendered
     */
    public TargetState render(Application app, AppRevision revision, boolean hardRefresh) {
        return revision.sources().size() == 1 && !app.hasMultipleSources()
                ? render(app, revision.sources().get(0), revision.resolved().get(0), hardRefresh)
                : sources.render(app, revision, hardRefresh);
    }

    ResolvedRevision resolveSource(ApplicationSource source, Optional<Instant> refsListedSince) {
        return refsListedSince.isPresent() ? resolve(source, refsListedSince.get()) : resolve(source);
    }

    Renderer renderer() {
        return renderer;
    }

    /** A source's rendering options for this application. */
    SourceOptions renderOptions(Application app, ApplicationSource source) {
        return source.renderOptions();
    }

    /**
     * The destination cluster's Kubernetes version for Helm's {@code .Capabilities.KubeVersion}
     * ({@code 1.31.0}), empty when the cluster does not say; a source's {@code helm.kubeVersion} wins.
     */
    String clusterKubeVersion() {
        return kubeVersion.get().orElse("");
    }

    private static ResolvedRevision chartVersion(ApplicationSource source) {
        return new ResolvedRevision(Redaction.url(source.repoURL()), source.targetRevision(), source.targetRevision(), "");
    }

    /**
     * Renders the application at a resolved revision and prepares its objects: checkout (fetched
     * when not cached), render (from the renderer's cache unless {@code hardRefresh}), then
     * namespaces and tracking marks.
     *
     * @param app the application
     * @param source the source to render, the application's own or another (a rollback's)
     * @param revision the resolved commit or chart version of {@code source}
     * @param hardRefresh whether to render again, ignoring the renderer's cache
     * @return the desired objects, with the revision they came from and the source type
     * @throws io.gitops4j.core.git.GitException when the commit cannot be fetched or checked out
     * @throws io.gitops4j.render.source.RenderException when the source cannot be rendered
     * @throws io.gitops4j.kube.ManifestException naming the file and line of a malformed manifest
     */
    public TargetState render(Application app, ApplicationSource source, ResolvedRevision revision, boolean hardRefresh) {
        if (source.isHelmChartRepository()) {
            Checkout chart = new Checkout(Redaction.url(source.repoURL()), revision.commit(), emptyChartSourceRoot(),
                    "chart " + source.chart());
            return target(app, source, chart, hardRefresh, "");
        }
        try (CheckoutLease lease = git.lease(source.repoURL(), revision)) {
            Checkout checkout = lease.checkout();
            return target(app, source, checkout, hardRefresh, checkout.revision());
        }
    }

    private TargetState target(Application app, ApplicationSource source, Checkout checkout, boolean hardRefresh,
            String cacheRevision) {
        RenderRequest request = new RenderRequest(RepositoryRoot.of(checkout.directory()), source.path(),
                renderOptions(app, source), app.name(), app.destination().effectiveNamespace(), source.repoURL(),
                source.targetRevision(), cacheRevision, Map.of(), clusterKubeVersion());
        Rendered rendered = hardRefresh ? renderer.renderFresh(request) : renderer.render(request);
        List<ObjectNode> objects = rendered.objects();
        DesiredState desired = DesiredState.prepare(objects, syncTarget(app, checkout.revision()), cluster);
        return new TargetState(app, checkout.revision(), checkout.message(), rendered.type(), desired);
    }

    /**
     * Compares the desired objects with the live ones, with the application's ignoreDifferences
     * rules before the differ's own.
     *
     * @param app the application, for its ignoreDifferences rules and sync options
     * @param desired the objects rendered from Git
     * @param live the application's objects on the cluster
     * @return each resource's sync status and diff, and the application's status
     */
    public Comparison compare(Application app, DesiredState desired, LiveObjects live) {
        return new StateComparer(cluster, differ(app), live).compare(desired);
    }

    /**
     * The differ for one application: its ignoreDifferences rules before the differ's own.
     *
     * @param app the application, for its ignoreDifferences rules
     * @return the differ its comparisons use
     */
    public ResourceDiffer differ(Application app) {
        return app.ignoreDifferences().isEmpty() ? differ
                : differ.toBuilder().ignoreDifferences(IgnoreDifferences.of(app.ignoreDifferences())
                        .and(differ.ignoreDifferences())).build();
    }

    /**
     * Each resource's health and the application's, judged on the live objects of a comparison.
     *
     * @param appName the application's name
     * @param comparison the comparison whose live objects are judged
     * @return the health of each resource and of the application
     */
    public ApplicationHealth health(String appName, Comparison comparison) {
        List<ManagedResource> resources = comparison.resources().stream()
                .map(state -> new ManagedResource(state.key(), state.desired(), state.live()))
                .toList();
        return health.assessApplication(appName, resources);
    }

    /**
     * One sync with the application's sync options (the request's win) and retry policy (unless
     * the request has its own), as Argo CD's sync operations carry them.
     *
     * @param app the application, with its sync options and retry policy
     * @param request the sync asked for
     * @return the request with the application's settings merged in
     */
    public SyncRequest withApplicationSettings(Application app, SyncRequest request) {
        return request.toBuilder()
                .syncOptions(SyncOptionList.of(app.syncPolicy().syncOptions()).with(request.syncOptions()))
                .retry(request.retry().equals(RetryPolicy.NONE) ? app.syncPolicy().manualRetry() : request.retry())
                .build();
    }

    /**
     * A sync engine with these parts' health, clock and lock settings over {@code target}: the
     * cluster itself, or a view of it (the controller's, which keeps its cache up to date with
     * what the sync writes).
     *
     * @param target the cluster the engine writes to
     * @return a new sync engine
     */
    public SyncEngine syncEngine(Cluster target) {
        SyncEngine.Builder builder = SyncEngine.builder().cluster(target).health(health).clock(clock).pacer(pacer);
        syncEngineSettings.accept(builder);
        return builder.build();
    }

    /** {@return how a sync waits between its steps (default: sleeping on the clock)} */
    public StepPacer pacer() {
        return pacer;
    }

    /**
     * The application as desired states, comparisons and syncs see it: its name, destination
     * namespace and managed namespace metadata, the tracking and the differ's field manager (so
     * the comparison predicts the applies the sync makes), and the revision rendered.
     *
     * @param app the application
     * @param revision the Git revision the desired state was rendered from
     * @return what the sync engine needs to know of the application
     */
    public SyncTarget syncTarget(Application app, String revision) {
        return SyncTarget.builder(app.name(), app.destination().effectiveNamespace()).tracking(tracking)
                .fieldManager(differ.fieldManager())
                .managedNamespaceMetadata(app.syncPolicy().managedNamespaceMetadata()).revision(revision).build();
    }

    /** {@return the cluster applications are reconciled into} */
    public Cluster cluster() {
        return cluster;
    }

    /** {@return the Git cache} */
    public GitSource git() {
        return git;
    }

    /** {@return the clock of every time and wait} */
    public Clock clock() {
        return clock;
    }

    /** {@return how applied objects are marked as an application's} */
    public ResourceTracking tracking() {
        return tracking;
    }

    Path emptyChartSourceRoot() {
        try {
            return Files.createDirectories(chartSourceRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configures an {@link AppStateManager}. */
    public static final class Builder {
        private Cluster cluster;
        private GitSource git;
        private Renderer renderer;
        private Path chartSourceRoot;
        private ResourceDiffer differ = ResourceDiffer.defaults();
        private HealthAssessor health = HealthAssessor.defaults();
        private ResourceTracking tracking = ResourceTracking.annotation();
        private Clock clock = Clock.systemUTC();
        private Consumer<SyncEngine.Builder> syncEngineSettings = engine -> { };
        private Optional<StepPacer> pacer = Optional.empty();

        private Builder() {
        }

        /**
         * The cluster (required).
         *
         * @param value the cluster
         * @return this builder
         */
        public Builder cluster(Cluster value) {
            this.cluster = Objects.requireNonNull(value, "cluster");
            return this;
        }

        /**
         * The Git cache (required).
         *
         * @param value the Git cache
         * @return this builder
         */
        public Builder git(GitSource value) {
            this.git = Objects.requireNonNull(value, "git");
            return this;
        }

        /**
         * The renderer and its cache (required).
         *
         * @param value the renderer
         * @return this builder
         */
        public Builder renderer(Renderer value) {
            this.renderer = Objects.requireNonNull(value, "renderer");
            return this;
        }

        /**
         * An empty folder standing for the repository of chart sources (required).
         *
         * @param value an empty folder
         * @return this builder
         */
        public Builder chartSourceRoot(Path value) {
            this.chartSourceRoot = Objects.requireNonNull(value, "chartSourceRoot");
            return this;
        }

        /**
         * How live objects are compared with Git (default {@link ResourceDiffer#defaults()}).
         *
         * @param value the differ
         * @return this builder
         */
        public Builder differ(ResourceDiffer value) {
            this.differ = Objects.requireNonNull(value, "differ");
            return this;
        }

        /**
         * How health is judged (default {@link HealthAssessor#defaults()}).
         *
         * @param value the health assessor
         * @return this builder
         */
        public Builder health(HealthAssessor value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /**
         * How applied objects are marked (default: annotation tracking).
         *
         * @param value the tracking method
         * @return this builder
         */
        public Builder tracking(ResourceTracking value) {
            this.tracking = Objects.requireNonNull(value, "tracking");
            return this;
        }

        /**
         * The clock (default: the system clock in UTC).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Settings for every sync engine made from these parts (identity, lock namespace, lease duration,
         * pacer).
         *
         * @param value changes applied to each sync engine's builder
         * @return this builder
         */
        public Builder syncEngineSettings(Consumer<SyncEngine.Builder> value) {
            this.syncEngineSettings = Objects.requireNonNull(value, "syncEngineSettings");
            return this;
        }

        /**
         * How syncs wait between their steps (default: sleeping on the clock); tests move a manual clock
         * instead.
         *
         * @param value the pacer
         * @return this builder
         */
        public Builder pacer(StepPacer value) {
            this.pacer = Optional.of(Objects.requireNonNull(value, "pacer"));
            return this;
        }

        /**
         * Builds the parts.
         *
         * @return the state manager
         * @throws IllegalStateException when the cluster, the Git cache, the renderer or the chart source
         *     folder is missing
         */
        public AppStateManager build() {
            if (cluster == null || git == null || renderer == null || chartSourceRoot == null) {
                throw new IllegalStateException("AppStateManager.builder() needs a cluster, a Git cache, a renderer and "
                        + "a chart source folder");
            }
            return new AppStateManager(this);
        }
    }
}
