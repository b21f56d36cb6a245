package io.gitops4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.diff.LocalDiff;
import io.gitops4j.core.diff.LocalDiffResult;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.git.GitOptions;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.RepositoryCredentials;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationWarning;
import io.gitops4j.core.reconcile.AppStateManager;
import io.gitops4j.core.reconcile.AutoSyncDecision;
import io.gitops4j.core.reconcile.SelfHealBackoff;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.LiveObjects;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncInProgressException;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.sync.engine.SyncLock;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.plugin.ConfigManagementPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitOps reconciliation of applications into one cluster: the entry point of the library.
 *
 * <pre>{@code
 * GitOps gitops = GitOps.builder().cluster(cluster).workDir(Path.of("/var/cache/gitops")).build();
 * ReconcileResult result = gitops.reconcile(app);
 * }</pre>
 *
 * <p>Every call fetches the application's repository, resolves its target revision, renders the
 * manifests at its path (plain files, Kustomize, Helm or a plugin, chosen as Argo CD chooses;
 * cached by commit) and compares them with the cluster. {@link #reconcile} then syncs when
 * the application's automated policy says so (Argo CD's rules); {@link #sync} syncs now;
 * {@link #compare} only compares. Syncs run on the {@link SyncEngine}: phases, waves, hooks,
 * the application's sync options, retry and managed namespace metadata, as in Argo CD; they
 * block until the sync completes (a multi-wave sync waits for each wave to be healthy). Every
 * result carries the application's health, judged on the cluster after the sync by the
 * builder's {@link HealthAssessor}.
 *
 * <p>One sync per application at a time, as in Argo CD: a sync takes the application's
 * {@link SyncLock} (in this instance, and on the cluster as a Lease other processes respect,
 * {@link SyncEngine}) before it compares; {@link #sync} refuses with a
 * {@link SyncInProgressException} while another sync of the application runs, and
 * {@link #reconcile} then skips its automated sync, saying so in the decision.
 *
 * <p>Safety: when fetching or rendering fails, the call throws before anything in the cluster is
 * touched, so nothing is applied and nothing is pruned.
 *
 * <p>Thread-safe; reconcile different applications from as many threads as you like. The sync
 * history lives as long as the instance. To keep applications reconciled continuously (a refresh
 * interval, watches, self-heal within a watch event, history and rollback), register them with
 * the {@link #controller() application controller} built on this instance's parts.
 */
public final class GitOps {

    private static final Logger LOG = LoggerFactory.getLogger(GitOps.class);

    private final AppStateManager states;
    private final SyncEngine engine;
    private final SyncHistory history = new SyncHistory();
    private final Map<String, SyncAttempt> attempts = new ConcurrentHashMap<>();

    private GitOps(Builder builder) {
        GitSource.Builder gitBuilder = GitSource.builder(builder.workDir.resolve("git"))
                .credentials(builder.credentials).options(builder.gitOptions).clock(builder.clock);
        builder.meterRegistry.ifPresent(gitBuilder::meterRegistry);
        GitSource git = gitBuilder.build();
        Renderer.Builder rendererBuilder = Renderer.builder()
                .remoteBases((url, ref) -> git.checkout(url, ref.isEmpty() ? "HEAD" : ref).directory())
                .chartCache(builder.workDir.resolve("charts"));
        builder.plugins.forEach(rendererBuilder::plugin);
        builder.rendererSettings.forEach(settings -> settings.accept(rendererBuilder));
        Renderer renderer = rendererBuilder.build();
        AppStateManager.Builder parts = AppStateManager.builder();
        builder.pacer.ifPresent(parts::pacer);
        this.states = parts.cluster(builder.cluster).git(git).renderer(renderer)
                .chartSourceRoot(builder.workDir.resolve("chart-sources")).differ(builder.differ).health(builder.health)
                .tracking(builder.tracking).clock(builder.clock).syncEngineSettings(engineBuilder -> {
                    builder.lockIdentity.ifPresent(engineBuilder::identity);
                    builder.lockNamespace.ifPresent(engineBuilder::lockNamespace);
                    builder.leaseDuration.ifPresent(engineBuilder::leaseDuration);
                }).build();
        this.engine = states.syncEngine(builder.cluster);
    }

    /**
     * Starts configuring an instance; a cluster and a work directory are required.
     *
     * @return a new builder; {@link Builder#build()} checks that the required parts are set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An application controller on this instance's parts (cluster, Git cache, renderer and its
     * cache, differ, health checks, tracking, clock, sync lock settings): register applications
     * with it and it keeps reconciling them, as Argo CD's application controller does.
     *
     * <pre>{@code
     * try (ApplicationController controller = gitops.controller().build()) {
     *     controller.register(app);
     *     controller.start();
     *     ...
     * }
     * }</pre>
     *
     * @return a builder of the controller, to take registrations, a scheduler and its settings before
     *     {@code build()}
     */
    public ApplicationController.Builder controller() {
        return ApplicationController.builder(states);
    }

    /**
     * Controller mode on this instance's parts: reconciles the Argo CD Application objects of the
     * cluster's {@code argocd} namespace (or others), writing their status as Argo CD does.
     *
     * <pre>{@code
     * try (ApplicationCrdController controller = gitops.crdController().build()) {
     *     controller.start();
     * }
     * }</pre>
     *
     * @return a builder of the controller of Application objects, watching the {@code argocd} namespace
     *     unless told otherwise
     */
    public ApplicationCrdController.Builder crdController() {
        return ApplicationCrdController.builder(states);
    }

    /**
     * Compares the application with the cluster and, when its automated sync policy calls for it,
     * syncs: a new revision is synced once; drift from a synced revision is synced again only
     * with self-heal (only the resources that drifted, as Argo CD's self-heal, after its backoff);
     * prune follows the policy's {@code prune}.
     *
     * @param app the application, with its source, destination and sync policy
     * @return what the comparison found and, when a sync ran, what it applied and pruned and the health
     *     after it
     * @throws io.gitops4j.core.git.GitException when the repository or revision cannot be fetched
     * @throws io.gitops4j.kube.ManifestException naming the file and line of a malformed manifest
     * @throws io.gitops4j.render.source.RenderException when the path cannot be rendered
     * @throws io.gitops4j.cluster.ClusterException when the cluster cannot be read
     */
    public ReconcileResult reconcile(Application app) {
        TargetState target = target(app);
        Comparison before = compare(app, target);
        AutoSyncDecision decision = decide(app, target, before);
        LOG.info("{} at {}: {}; {}", app.name(), shortSha(target.revision()), before.status().displayName(),
                decision.reason());
        if (!decision.sync()) {
            return result(app, target, before, Optional.empty(), before, decision.reason());
        }
        SyncRequest request = automatedRequest(app, decision);
        SyncLock lock;
        try {
            lock = engine.lock(app.name(), request);
        } catch (SyncInProgressException e) {
            // Argo CD's auto-sync does not start while an operation is in progress either.
            String skipped = "auto-sync skipped: " + e.getMessage();
            LOG.info("{}: {}", app.name(), skipped);
            return result(app, target, before, Optional.empty(), before, skipped);
        }
        try (lock) {
            // Compared again under the lock: a sync that ended since the first comparison may have
            // changed the answer (Argo CD compares again when its operation starts, too).
            Comparison locked = compare(app, target);
            AutoSyncDecision still = decide(app, target, locked);
            if (!still.sync()) {
                return result(app, target, locked, Optional.empty(), locked, still.reason());
            }
            return syncNow(app, target, locked, automatedRequest(app, still), still.reason(), lock,
                    Optional.of(still));
        }
    }

    private AutoSyncDecision decide(Application app, TargetState target, Comparison comparison) {
        return AutoSyncDecision.decide(app, target.revision(), comparison, Optional.ofNullable(attempts.get(app.name())),
                SelfHealBackoff.DEFAULT, states.clock().instant());
    }

    private static SyncRequest automatedRequest(Application app, AutoSyncDecision decision) {
        return SyncRequest.builder().prune(app.automated().prune()).allowEmpty(app.automated().allowEmpty())
                .resources(decision.resources()).build();
    }

    /**
     * Syncs the application now, whatever its automated policy, like a manual sync in Argo CD. A
     * dry run or a selective sync is not recorded in the history and does not count as the last
     * sync for automated sync.
     *
     * @param app the application to sync
     * @param request whether to prune (off by default, as in Argo CD), to allow an empty sync, to
     *     dry run, which resources; its sync options are added to the application's (and win),
     *     its retry policy replaces the application's unless it is {@link RetryPolicy#NONE}
     * @return the comparisons before and after, the sync's result and the health after it
     * @throws SyncInProgressException when another sync of the application runs, in this
     *     instance or in another process (Argo CD: "another operation is already in progress");
     *     nothing was compared or written
     */
    public ReconcileResult sync(Application app, SyncRequest request) {
        TargetState target = target(app);
        try (SyncLock lock = engine.lock(app.name(), request)) {
            Comparison before = compare(app, target);
            return syncNow(app, target, before, request, "manual sync", lock, Optional.empty());
        }
    }

    /**
     * Compares manifests you have at hand (rendered from a local checkout, say) with the cluster
     * as the application's, as {@code argocd app diff APP --local DIR} does and {@code gitops diff
     * DIR --kubeconfig F -n NS --app NAME} prints it: objects without a namespace get the
     * application's destination namespace ({@code default} when it has none), cluster-scoped kinds
     * stay without one; the manifests carry its tracking mark, and the live objects it tracks that
     * they lack are Extraneous; its {@code ignoreDifferences} apply before this instance's differ's
     * rules. Nothing is changed.
     *
     * @param app the application the manifests are for: its name, destination namespace and
     *     ignoreDifferences
     * @param manifests the objects, as rendered
     * @return each resource's difference, Secrets masked
     * @throws io.gitops4j.kube.GitOpsException when a manifest cannot be compared (no kind or name)
     *     or the cluster cannot be read
     */
    public LocalDiffResult diff(Application app, List<ObjectNode> manifests) {
        LocalDiff.Builder diff = LocalDiff.builder().differ(states.differ(app)).tracking(states.tracking())
                .app(app.name());
        if (!app.destination().namespace().isBlank()) {
            diff.namespace(app.destination().namespace());
        }
        return diff.build().against(states.cluster(), manifests);
    }

    /**
     * Compares the application with the cluster and changes nothing.
     *
     * @param app the application to compare
     * @return the comparison, with no sync; {@link ReconcileResult#sync()} is empty
     */
    public ReconcileResult compare(Application app) {
        TargetState target = target(app);
        Comparison comparison = compare(app, target);
        return result(app, target, comparison, Optional.empty(), comparison, "compare only");
    }

    /**
     * The application's recent syncs of every resource, oldest first (dry runs and selective syncs are not
     * recorded).
     *
     * @param appName the application's name
     * @return its recorded syncs, oldest first; empty when it never synced through this instance
     */
    public List<SyncRecord> history(String appName) {
        return history.of(appName);
    }

    private ReconcileResult syncNow(Application app, TargetState target, Comparison before, SyncRequest request,
            String reason, SyncLock lock, Optional<AutoSyncDecision> automated) {
        var startedAt = states.clock().instant();
        SyncResult sync = engine.sync(before, states.withApplicationSettings(app, request), lock);
        boolean whole = request.resources().isEmpty() && !request.dryRun();
        if (whole) {
            history.add(app.name(), new SyncRecord(0, target.revision(), startedAt, sync.succeeded(), sync.message()));
        }
        if (whole || automated.isPresent()) {
            int selfHeals = automated.filter(AutoSyncDecision::selfHeal)
                    .map(d -> Optional.ofNullable(attempts.get(app.name())).map(SyncAttempt::selfHealAttempts).orElse(0) + 1)
                    .orElse(0);
            attempts.put(app.name(), new SyncAttempt(target.revision(), app.source(), sync.phase(), sync.message(),
                    sync.finishedAt().orElse(states.clock().instant()), selfHeals, app.sources()));
        }
        Comparison after = compare(app, target);
        return result(app, target, before, Optional.of(sync), after, reason);
    }

    private Comparison compare(Application app, TargetState target) {
        return states.compare(app, target.desired(), LiveObjects.of(states.cluster()));
    }

    private TargetState target(Application app) {
        return states.render(app, states.resolve(app), false);
    }

    private ReconcileResult result(Application app, TargetState target, Comparison before,
            Optional<SyncResult> sync, Comparison after, String decision) {
        List<String> warnings = new ArrayList<>(app.warnings().stream().map(ApplicationWarning::message).toList());
        warnings.addAll(target.desired().warnings());
        sync.ifPresent(s -> warnings.addAll(s.warnings()));
        return new ReconcileResult(app.name(), target.revision(), target.revisionMessage(), before,
                sync, after, decision, warnings, states.health(app.name(), after));
    }

    private static String shortSha(String revision) {
        return revision.substring(0, Math.min(7, revision.length()));
    }

    /** Configures a {@link GitOps} instance. */
    public static final class Builder {
        private Cluster cluster;
        private Path workDir;
        private Clock clock = Clock.systemUTC();
        private RepositoryCredentials credentials = RepositoryCredentials.none();
        private GitOptions gitOptions = GitOptions.defaults();
        private Optional<MeterRegistry> meterRegistry = Optional.empty();
        private ResourceDiffer differ = ResourceDiffer.defaults();
        private final List<Consumer<Renderer.Builder>> rendererSettings = new ArrayList<>();
        private final List<ConfigManagementPlugin> plugins = new ArrayList<>();
        private HealthAssessor health = HealthAssessor.defaults();
        private ResourceTracking tracking = ResourceTracking.annotation();
        private Optional<StepPacer> pacer = Optional.empty();
        private Optional<String> lockIdentity = Optional.empty();
        private Optional<String> lockNamespace = Optional.empty();
        private Optional<Duration> leaseDuration = Optional.empty();

        private Builder() {
        }

        /**
         * Where syncs keep their Leases ({@link SyncEngine.Builder#lockNamespace}; default {@code
         * default}).
         *
         * @param value the namespace of the Lease objects
         * @return this builder
         */
        public Builder lockNamespace(String value) {
            this.lockNamespace = Optional.of(Objects.requireNonNull(value, "lockNamespace"));
            return this;
        }

        /**
         * Who holds this instance's sync Leases ({@link SyncEngine.Builder#identity}; default: host, pid,
         * random).
         *
         * @param value the holder identity written into the Leases
         * @return this builder
         */
        public Builder lockIdentity(String value) {
            this.lockIdentity = Optional.of(Objects.requireNonNull(value, "lockIdentity"));
            return this;
        }

        /**
         * How long a sync's lock holds without renewal ({@link SyncEngine.Builder#leaseDuration}; default
         * 60s).
         *
         * @param value how long a Lease stays held without renewal
         * @return this builder
         */
        public Builder leaseDuration(Duration value) {
            this.leaseDuration = Optional.of(Objects.requireNonNull(value, "leaseDuration"));
            return this;
        }

        /**
         * How applied objects are marked as an application's, Argo CD's
         * {@code application.resourceTrackingMethod} (default: annotation tracking).
         *
         * @param value the tracking method, Argo CD's annotation, label or annotation+label
         * @return this builder
         */
        public Builder tracking(ResourceTracking value) {
            this.tracking = Objects.requireNonNull(value, "tracking");
            return this;
        }

        /**
         * How a sync waits between its steps, while a wave becomes healthy or a hook completes
         * (default: sleeping on the clock). Tests pass one that moves a manual clock instead.
         *
         * @param value the pacer the sync engine waits with
         * @return this builder
         */
        public Builder pacer(StepPacer value) {
            this.pacer = Optional.of(Objects.requireNonNull(value, "pacer"));
            return this;
        }

        /**
         * How live objects are compared with Git: which status to ignore, global
         * ignoreDifferences rules (applied after each application's own), the field manager.
         * Default: {@link ResourceDiffer#defaults()}.
         *
         * @param value the differ used for every comparison
         * @return this builder
         */
        public Builder differ(ResourceDiffer value) {
            this.differ = Objects.requireNonNull(value, "differ");
            return this;
        }

        /**
         * Adjusts the renderer this instance builds: cache size, Helm limits, OCI registry logins,
         * Kustomize's {@code helmCharts}, HTTP timeouts. The settings run on a builder that already
         * reads Kustomize remote bases through this instance's Git cache and keeps downloaded
         * charts in the work directory, so those stay unless the settings replace them. Called
         * more than once, the settings run in order.
         *
         * <pre>{@code
         * GitOps.builder().cluster(cluster).workDir(dir)
         *         .renderer(r -> r.cacheSize(1024).kustomizeHelmCharts(true))
         *         .build();
         * }</pre>
         *
         * @param settings changes applied to the renderer's builder before it is built
         * @return this builder
         */
        public Builder renderer(Consumer<Renderer.Builder> settings) {
            rendererSettings.add(Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /**
         * Registers a config management plugin, found by its name as an Application's
         * {@code source.plugin.name} names it (Argo CD's sidecar plugins).
         *
         * @param plugin the plugin, found by its name
         * @return this builder
         */
        public Builder plugin(ConfigManagementPlugin plugin) {
            plugins.add(Objects.requireNonNull(plugin, "plugin"));
            return this;
        }

        /**
         * The cluster to reconcile into (required).
         *
         * @param value the cluster to read and write
         * @return this builder
         */
        public Builder cluster(Cluster value) {
            this.cluster = Objects.requireNonNull(value, "cluster");
            return this;
        }

        /**
         * Where the Git cache is kept (required); it is created when missing and reused across runs.
         *
         * @param value the directory of the Git cache
         * @return this builder
         */
        public Builder workDir(Path value) {
            this.workDir = Objects.requireNonNull(value, "workDir");
            return this;
        }

        /**
         * The clock of this instance (default: the system clock in UTC): sync history
         * timestamps, the Git cache's timings, wave and sync timeouts, retry backoff, the names of
         * hooks that only have {@code generateName}, the times of sync Leases, and the waits
         * between a sync's steps unless a {@link #pacer} is given. Lua health scripts read the {@link HealthAssessor}'s
         * own clock.
         *
         * @param value the clock every timestamp and timeout of this instance is read from
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How health is judged (default: the built-in checks and kstatus). Pass an assessor with
         * your Lua health scripts, as Argo CD's {@code resource_customizations} or {@code argocd-cm}.
         *
         * @param value the health assessor
         * @return this builder
         */
        public Builder health(HealthAssessor value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /**
         * Credentials for private Git repositories, by repository URL and URL prefix, as Argo CD's
         * repository secrets and credential templates (default: none). Their secrets never appear
         * in a message, a log line or an exception.
         *
         * @param value the credentials, matched by repository URL
         * @return this builder
         */
        public Builder gitCredentials(RepositoryCredentials value) {
            this.credentials = Objects.requireNonNull(value, "gitCredentials");
            return this;
        }

        /**
         * Timeouts and retention of the Git cache (default: {@link GitOptions#defaults()}).
         *
         * @param value the Git cache's timeouts and retention
         * @return this builder
         */
        public Builder gitOptions(GitOptions value) {
            this.gitOptions = Objects.requireNonNull(value, "gitOptions");
            return this;
        }

        /**
         * Where metrics go, with Argo CD's names ({@code argocd_git_request_total}, ...). Default:
         * nowhere; pass {@code Metrics.globalRegistry} for Micrometer's global registry.
         *
         * @param value the Micrometer registry to report metrics to
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meterRegistry = Optional.of(Objects.requireNonNull(value, "meterRegistry"));
            return this;
        }

        /**
         * Builds the instance from the parts set.
         *
         * @return a new instance, ready to reconcile applications
         * @throws IllegalStateException when no cluster or no work directory was set
         */
        public GitOps build() {
            if (cluster == null) {
                throw new IllegalStateException("GitOps.builder() needs a cluster: .cluster(new FakeCluster()) or "
                        + ".cluster(new Fabric8Cluster(client))");
            }
            if (workDir == null) {
                throw new IllegalStateException("GitOps.builder() needs a work directory for its Git cache: .workDir(path)");
            }
            return new GitOps(this);
        }
    }
}
