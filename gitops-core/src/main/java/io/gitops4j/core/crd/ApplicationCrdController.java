package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.GitRepositoryFiles;
import io.gitops4j.core.crd.sharding.ApplicationShards;
import io.gitops4j.core.crd.sharding.LeaderElection;
import io.gitops4j.core.crd.sharding.ShardLeases;
import io.gitops4j.core.crd.sharding.ShardingSettings;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.reconcile.AppStateManager;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Controller mode: reconciles the {@code argoproj.io/v1alpha1} Application objects of a cluster as
 * Argo CD's application controller does, on the engine of {@link ApplicationController}. The
 * Applications of the watched namespaces ({@code argocd} by default) are listed and watched; an
 * added, changed or deleted one is registered, updated or unregistered within the event. Each
 * application's status is written into its object's {@code .status} with Argo CD's field names
 * ({@code kubectl get applications} shows SYNC STATUS and HEALTH STATUS), only when it changed,
 * with an ordinary update and optimistic concurrency; the status is also the controller's memory,
 * so a restarted controller does not sync again what was synced.
 *
 * <p>As from Argo CD's API server: a {@code .operation} (a sync with revision, prune, dry run,
 * resources, sync options, who started it and its retry) is run and cleared, its outcome in
 * {@code status.operationState}; the annotation {@code argocd.argoproj.io/refresh}
 * ({@code normal} or {@code hard}) asks for a refresh and is removed; an Application deleted with
 * the finalizer {@code resources-finalizer.argocd.argoproj.io} (or its {@code /background} form)
 * has its resources deleted first, then the finalizer removed; without it the resources stay. An
 * Application whose spec cannot be read gets an {@code InvalidSpecError} condition naming the field
 * and nothing is applied for it; the others go on. The {@code default} AppProject is created in
 * the first namespace when missing, as Argo CD does. With {@link Builder#clusterSecrets} the
 * cluster Secrets of the first namespace are the destinations ({@link ClusterSecretWatch}), kept
 * up to date while the controller runs: every application is compared again after a cluster Secret
 * is added, changed or deleted, and those of a cluster gone turn Unknown, nothing of theirs pruned.
 * The cluster Secrets are read once, by one LIST and one WATCH shared by the destinations, the
 * ApplicationSet {@code clusters} generator and the shards; a status is written over the
 * Application the watch last delivered, without reading it first.
 *
 * <pre>{@code
 * try (ApplicationCrdController controller = gitops.crdController().namespaces(List.of("argocd")).build()) {
 *     controller.start();
 *     ...   // runs until closed
 * }
 * }</pre>
 *
 * <p>Replicas share the work when {@linkplain Builder#sharding sharding} is set: each replica
 * reconciles only the Applications of the shards whose Lease it holds ({@link ShardLeases}, shards
 * by destination cluster as Argo CD's default sharding, {@link ApplicationShards}); a shard whose
 * replica stopped or died is taken over by another, and {@link #close()} hands its shards over at once.
 * With {@linkplain Builder#applicationSets ApplicationSets}, only the replica holding the leader
 * Lease of Argo CD's applicationset-controller ({@link LeaderElection}) reconciles the sets; the
 * others stand by and take over when it stops or dies.
 *
 * <p>Applications of the first namespace keep their names in the engine (and in the tracking
 * label of their resources); those of other namespaces are named {@code <namespace>_<name>}, as
 * Argo CD names applications in any namespace. Thread-safe.
 */
public final class ApplicationCrdController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationCrdController.class);

    private final ApplicationObjects objects;
    private final ApplicationController engine;
    private final ApplicationStatusStore store;
    private final ApplicationObjectHandler handler;
    private final List<NamespaceWatch> watches = new ArrayList<>();
    private final Optional<ClusterSecretInformer> secrets;
    private final Optional<ClusterSecretWatch> clusterSecrets;
    private final Optional<ApplicationSetCrdController> applicationSets;
    private final Optional<ControllerScheduler> ownTimers;
    private final Optional<ShardingSettings> shardingSettings;
    private final Optional<ControllerScheduler> shardingScheduler;
    private final Clock clock;
    private Optional<ShardedHandler> sharded = Optional.empty();
    private Optional<ShardLeases> leases = Optional.empty();
    private Optional<LeaderElection> setLeader = Optional.empty();
    private Optional<ControllerScheduler> ownedScheduler = Optional.empty();
    private boolean started;
    private boolean closed;

    private ApplicationCrdController(ApplicationObjects objects, Builder builder) {
        this.objects = objects;
        AppStateManager states = builder.states;
        this.shardingSettings = builder.sharding;
        this.shardingScheduler = builder.shardingScheduler;
        this.clock = states.clock();
        SpecDocuments specs = new SpecDocuments();
        OperationDocuments operations = new OperationDocuments(specs);
        this.store = new ApplicationStatusStore(objects, specs, operations);
        AtomicReference<ApplicationSetCrdController> sets = new AtomicReference<>();
        Optional<ResourceType> setType = builder.generator.flatMap(g -> ApplicationSetCrdController.setType(
                objects.cluster()));
        if (builder.generator.isPresent() && setType.isEmpty()) {
            LOG.warn("the cluster serves no {} ApplicationSet; ApplicationSets are not reconciled",
                    Applications.API_VERSION);
        }
        if (setType.isPresent()) {
            builder.engine.listener(event -> Optional.ofNullable(sets.get()).ifPresent(s -> s.onEvent(event)));
        }
        this.engine = builder.engine.stateStore(store).build();
        this.handler = new ApplicationObjectHandler(objects, engine, store, specs, operations, states.clock());
        this.secrets = builder.secrets;
        this.clusterSecrets = builder.clusters.map(registry -> new ClusterSecretWatch(secrets.orElseThrow(),
                registry, new RefreshingSecretListener(builder.secretListener, engine)));
        this.ownTimers = setType.isPresent() && builder.setScheduler.isEmpty()
                ? Optional.of(ControllerScheduler.threads(1, states.clock())) : Optional.empty();
        this.applicationSets = setType.map(type -> new ApplicationSetCrdController(objects, type, engine,
                builder.generator.orElseThrow(), builder.setScheduler.or(() -> ownTimers).orElseThrow(),
                states.clock(), states.git()));
        applicationSets.ifPresent(sets::set);
        applicationSets.ifPresent(set -> secrets.ifPresent(informer -> informer.subscribe(new SetRequeue(set))));
    }

    /**
     * A controller on the given parts; {@code GitOps.crdController()} hands one out on its own.
     *
     * @param states the state manager of the instance: cluster, Git cache, renderer, differ, health and
     *     clock
     * @return a new builder
     */
    public static Builder builder(AppStateManager states) {
        return new Builder(states);
    }

    /**
     * Creates the {@code default} AppProject when missing, registers the cluster Secrets (with
     * {@link Builder#clusterSecrets}) and watches them, lists and watches the Applications (each one
     * registered at once), then starts the engine; with sharding, only the Applications of the
     * shards this replica takes are registered, as it takes them.
     *
     * @throws ClusterException when the cluster serves no Application type (or, with sharding, no
     *     Lease) or a list fails
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        createDefaultProject();
        secrets.ifPresent(ClusterSecretInformer::start);   // the destinations registered before any app
        shardingSettings.ifPresent(this::prepareSharding);
        NamespaceWatch.Handler watched = sharded.<NamespaceWatch.Handler>map(s -> s).orElse(handler);
        for (String namespace : objects.namespaces()) {
            NamespaceWatch watch = new NamespaceWatch(objects, namespace, watched);
            watches.add(watch);
            watch.start();
        }
        if (setLeader.isEmpty()) {
            applicationSets.ifPresent(ApplicationSetCrdController::start);
        }
        engine.start();
        leases.ifPresent(ShardLeases::start);
        setLeader.ifPresent(LeaderElection::start);
        LOG.info("reconciling the Applications of {}{}", objects.namespaces(), shardingSettings
                .map(s -> " shared by " + s.replicas() + " replicas (this one " + s.replicaId() + ")").orElse(""));
    }

    private void prepareSharding(ShardingSettings settings) {
        ApplicationShards shards = ApplicationShards.of(settings.replicas(), secrets.orElseThrow().secrets());
        ShardedHandler filter = new ShardedHandler(objects, handler, shards);
        if (shardingScheduler.isEmpty()) {
            ownedScheduler = Optional.of(ControllerScheduler.threads(1, clock));
        }
        ControllerScheduler scheduler = shardingScheduler.or(() -> ownedScheduler).orElseThrow();
        sharded = Optional.of(filter);
        leases = Optional.of(new ShardLeases(objects.cluster(), objects.controlNamespace(), settings, clock,
                scheduler, filter));
        setLeader = applicationSets.map(sets -> sets.leaderElection(settings, clock, scheduler));
    }

    /**
     * A push (the {@code /api/webhook}, {@code controller::refresh}): marks the applications of the
     * repository whose target revision may name the pushed revision for comparison, and generates
     * again the ApplicationSets whose {@code git} generators read it at that revision.
     *
     * @param repoURL the repository pushed to, however it is spelled
     * @param revision the branch or tag pushed; empty for any
     * @return how many applications were marked (the sets generated again are logged)
     */
    public int refresh(String repoURL, String revision) {
        int marked = engine.refresh(repoURL, revision);
        applicationSets.ifPresent(sets -> sets.refresh(repoURL, revision));
        return marked;
    }

    /** {@return whether this replica reconciles the ApplicationSets now: always without sharding once started} */
    public boolean applicationSetLeader() {
        return applicationSets.map(ApplicationSetCrdController::active).orElse(false);
    }

    /** {@return the shards this replica holds now; empty without sharding} */
    public Set<Integer> heldShards() {
        return leases.map(ShardLeases::held).orElse(Set.of());
    }

    /**
     * {@return the ApplicationSet controller, when {@link Builder#applicationSets} asked for one and
     * the cluster serves ApplicationSets}
     */
    public Optional<ApplicationSetCrdController> applicationSets() {
        return applicationSets;
    }

    /** {@return the engine underneath: statuses, history, and listeners' view of every application} */
    public ApplicationController engine() {
        return engine;
    }

    /** {@return every application's status, by its name in the engine} */
    public Map<String, ApplicationStatus> statuses() {
        return engine.statuses();
    }

    /**
     * {@return how many times a status (or the annotation and {@code .operation} written with it) was
     * written}
     */
    public long statusWrites() {
        return store.writes();
    }

    /**
     * Stops the watches and the engine: a running sync stops at its next safe point within the
     * engine's grace period and stays Running in the Application's status, for the next controller
     * to run again ({@link ApplicationController#close()}). With sharding, the replica
     * first stops reconciling (running operations terminated, applications unregistered), then
     * releases its shard Leases so that other replicas take them over at once.
     */
    @Override
    public synchronized void close() {
        closed = true;
        leases.ifPresent(ShardLeases::close);
        setLeader.ifPresent(LeaderElection::close);
        clusterSecrets.ifPresent(ClusterSecretWatch::close);
        secrets.ifPresent(ClusterSecretInformer::close);
        watches.forEach(NamespaceWatch::close);
        applicationSets.ifPresent(ApplicationSetCrdController::close);
        sharded.ifPresent(ShardedHandler::releaseAll);
        engine.close();
        leases.ifPresent(ShardLeases::releaseAll);
        setLeader.ifPresent(LeaderElection::release);
        ownedScheduler.ifPresent(ControllerScheduler::close);
        ownTimers.ifPresent(ControllerScheduler::close);
    }

    private void createDefaultProject() {
        Cluster cluster = objects.cluster();
        Optional<ResourceType> projects = cluster.resourceType(Applications.API_VERSION, "AppProject");
        if (projects.isEmpty()) {
            LOG.warn("the cluster serves no AppProject; the default project is not created");
            return;
        }
        String namespace = objects.controlNamespace();
        if (cluster.get(projects.get(), namespace, "default").isPresent()) {
            return;
        }
        ObjectNode project = JsonNodeFactory.instance.objectNode().put("apiVersion", Applications.API_VERSION)
                .put("kind", "AppProject");
        project.putObject("metadata").put("name", "default").put("namespace", namespace);
        ObjectNode spec = project.putObject("spec");
        spec.putArray("sourceRepos").add("*");
        spec.putArray("destinations").addObject().put("server", "*").put("namespace", "*");
        spec.putArray("clusterResourceWhitelist").addObject().put("group", "*").put("kind", "*");
        try {
            cluster.create(project);
            LOG.info("created the default AppProject in {}", namespace);
        } catch (ClusterException e) {
            if (e.code() != 409) {
                LOG.warn("cannot create the default AppProject in {}: {}", namespace, e.getMessage());
            }
        }
    }

    /** Configures an {@link ApplicationCrdController}. */
    public static final class Builder {
        private final AppStateManager states;
        private final ApplicationController.Builder engine;
        private List<String> namespaces = List.of("argocd");
        private Optional<ClusterRegistry> clusters = Optional.empty();
        private ClusterSecretWatch.Listener secretListener = new ClusterSecretWatch.Listener() { };
        private Optional<ApplicationSetGenerator> generator = Optional.empty();
        private boolean defaultGenerator;
        private Optional<ControllerScheduler> setScheduler = Optional.empty();
        private Optional<ShardingSettings> sharding = Optional.empty();
        private Optional<ControllerScheduler> shardingScheduler = Optional.empty();
        private Optional<ClusterSecretInformer> secrets = Optional.empty();

        private Builder(AppStateManager states) {
            this.states = Objects.requireNonNull(states, "states");
            this.engine = ApplicationController.builder(states);
        }

        /**
         * The namespaces whose Applications are reconciled (default {@code argocd}); the first one holds
         * the default AppProject.
         *
         * @param value the namespaces; the first one holds the default AppProject
         * @return this builder
         */
        public Builder namespaces(List<String> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("at least one namespace is needed");
            }
            this.namespaces = List.copyOf(value);
            return this;
        }

        /**
         * Takes the destination clusters from Argo CD's cluster Secrets
         * ({@code argocd.argoproj.io/secret-type: cluster}) of the first namespace, registered into
         * {@code registry} at start and kept up to date while the controller runs (see
         * {@link ClusterSecretWatch}); the engine finds destinations in {@code registry}. Default:
         * none, every application goes to the controller's own cluster. The caller closes the
         * registry after the controller.
         *
         * @param registry where the clusters are registered; it may hold clusters registered otherwise too
         * @return this builder
         */
        public Builder clusterSecrets(ClusterRegistry registry) {
            return clusterSecrets(registry, new ClusterSecretWatch.Listener() { });
        }

        /**
         * As {@link #clusterSecrets(ClusterRegistry)}, telling {@code listener} of every cluster
         * Secret registered, refused and removed (what {@code gitops controller} prints).
         *
         * @param registry where the clusters are registered
         * @param listener told of the cluster Secrets
         * @return this builder
         */
        public Builder clusterSecrets(ClusterRegistry registry, ClusterSecretWatch.Listener listener) {
            this.clusters = Optional.of(Objects.requireNonNull(registry, "registry"));
            this.secretListener = Objects.requireNonNull(listener, "listener");
            engine.clusters(registry);
            return this;
        }

        /**
         * Configures the engine: refresh interval, jitter, processors, scheduler, listeners,
         * metrics. Its state store is the Application objects and cannot be changed.
         *
         * @param settings changes applied to the engine's builder
         * @return this builder
         */
        public Builder engine(Consumer<ApplicationController.Builder> settings) {
            settings.accept(engine);
            return this;
        }

        /**
         * Reconciles the ApplicationSet objects of the namespaces too ({@link ApplicationSetCrdController}):
         * their Applications are written to the cluster and reconciled as any other. Off by default;
         * ignored, with a warning, when the cluster serves no ApplicationSet.
         *
         * @param value how the sets' Applications are generated (clusters, repositories, limits)
         * @return this builder
         */
        public Builder applicationSets(ApplicationSetGenerator value) {
            this.generator = Optional.of(Objects.requireNonNull(value, "generator"));
            this.defaultGenerator = false;
            return this;
        }

        /**
         * Shares the Applications with other replicas through shard Leases in the first namespace
         * (default: no sharing, this controller reconciles every Application).
         *
         * @param settings replicas, Lease name, replica id and timings
         * @return this builder
         */
        public Builder sharding(ShardingSettings settings) {
            this.sharding = Optional.of(Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /**
         * Reconciles the ApplicationSet objects of the namespaces too, generated with the defaults:
         * {@code git} generators read through the instance's Git cache, the {@code clusters}
         * generator sees the in-cluster destination and the cluster Secrets of the first
         * namespace, listed at every generation. See {@link #applicationSets(ApplicationSetGenerator)}.
         *
         * @return this builder
         */
        public Builder applicationSets() {
            this.defaultGenerator = true;
            return this;
        }

        /**
         * Where the ApplicationSets' requeues and RollingSync checks run (a {@code ManualScheduler} in
         * tests); default: one timer thread of the controller's own.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder applicationSetScheduler(ControllerScheduler value) {
            this.setScheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
            return this;
        }

        /**
         * As {@link #sharding(ShardingSettings)}, with the Lease checks run on {@code scheduler}
         * (a {@code ManualScheduler} in tests) instead of a thread of their own; the scheduler is
         * not closed by the controller.
         *
         * @param settings replicas, Lease name, replica id and timings
         * @param scheduler where renewals and takeovers run, on the instance's clock
         * @return this builder
         */
        public Builder sharding(ShardingSettings settings, ControllerScheduler scheduler) {
            sharding(settings);
            this.shardingScheduler = Optional.of(Objects.requireNonNull(scheduler, "scheduler"));
            return this;
        }

        /**
         * @return the controller, not started yet
         * @throws ClusterException when the cluster serves no {@code argoproj.io/v1alpha1} Application
         */
        public ApplicationCrdController build() {
            Cluster cluster = states.cluster();
            ApplicationObjects objects = new ApplicationObjects(cluster, ApplicationObjects.applicationType(cluster),
                    namespaces);
            // one reader of the cluster Secrets for the destinations, the clusters generator and the shards
            secrets = clusters.isPresent() || defaultGenerator || sharding.isPresent()
                    ? Optional.of(new ClusterSecretInformer(cluster, objects.controlNamespace())) : Optional.empty();
            if (defaultGenerator) {
                generator = Optional.of(ApplicationSetGenerator.builder()
                        .repositories(new GitRepositoryFiles(states.git()))
                        .clusters(new ClusterSecretClusters(secrets.orElseThrow())).build());
            }
            return new ApplicationCrdController(objects, this);
        }
    }
}
