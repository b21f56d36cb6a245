package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.crd.sharding.ApplicationShards;
import io.gitops4j.core.crd.sharding.ShardLeases;
import io.gitops4j.core.crd.sharding.ShardingSettings;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.model.Applications;
import io.gitops4j.core.reconcile.AppStateManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * the first namespace when missing, as Argo CD does.
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
    private final Optional<ShardingSettings> shardingSettings;
    private final Optional<ControllerScheduler> shardingScheduler;
    private final Clock clock;
    private Optional<ShardedHandler> sharded = Optional.empty();
    private Optional<ShardLeases> leases = Optional.empty();
    private Optional<ControllerScheduler> ownedScheduler = Optional.empty();
    private boolean started;
    private boolean closed;

    private ApplicationCrdController(ApplicationObjects objects, ApplicationController.Builder engineBuilder,
            AppStateManager states, Optional<ShardingSettings> sharding, Optional<ControllerScheduler> shardingScheduler) {
        this.objects = objects;
        this.shardingSettings = sharding;
        this.shardingScheduler = shardingScheduler;
        this.clock = states.clock();
        SpecDocuments specs = new SpecDocuments();
        OperationDocuments operations = new OperationDocuments(specs);
        this.store = new ApplicationStatusStore(objects, specs, operations);
        this.engine = engineBuilder.stateStore(store).build();
        this.handler = new ApplicationObjectHandler(objects, engine, store, specs, operations, states.clock());
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
     * Creates the {@code default} AppProject when missing, lists and watches the Applications
     * (each one registered at once), then starts the engine; with sharding, only the Applications
     * of the shards this replica takes are registered, as it takes them.
     *
     * @throws ClusterException when the cluster serves no Application type (or, with sharding, no
     *     Lease) or the list fails
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        createDefaultProject();
        shardingSettings.ifPresent(this::prepareSharding);
        NamespaceWatch.Handler watched = sharded.<NamespaceWatch.Handler>map(s -> s).orElse(handler);
        for (String namespace : objects.namespaces()) {
            NamespaceWatch watch = new NamespaceWatch(objects, namespace, watched);
            watches.add(watch);
            watch.start();
        }
        engine.start();
        leases.ifPresent(ShardLeases::start);
        LOG.info("reconciling the Applications of {}{}", objects.namespaces(), shardingSettings
                .map(s -> " shared by " + s.replicas() + " replicas (this one " + s.replicaId() + ")").orElse(""));
    }

    private void prepareSharding(ShardingSettings settings) {
        ApplicationShards shards = ApplicationShards.fromCluster(objects.cluster(), objects.controlNamespace(),
                settings.replicas());
        ShardedHandler filter = new ShardedHandler(objects, handler, shards);
        if (shardingScheduler.isEmpty()) {
            ownedScheduler = Optional.of(ControllerScheduler.threads(1, clock));
        }
        ControllerScheduler scheduler = shardingScheduler.or(() -> ownedScheduler).orElseThrow();
        sharded = Optional.of(filter);
        leases = Optional.of(new ShardLeases(objects.cluster(), objects.controlNamespace(), settings, clock,
                scheduler, filter));
    }

    /** {@return the shards this replica holds now; empty without sharding} */
    public Set<Integer> heldShards() {
        return leases.map(ShardLeases::held).orElse(Set.of());
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
     * Stops the watches and the engine; a running sync is terminated. With sharding, the replica
     * first stops reconciling (running operations terminated, applications unregistered), then
     * releases its shard Leases so that other replicas take them over at once.
     */
    @Override
    public synchronized void close() {
        closed = true;
        leases.ifPresent(ShardLeases::close);
        watches.forEach(NamespaceWatch::close);
        sharded.ifPresent(ShardedHandler::releaseAll);
        engine.close();
        leases.ifPresent(ShardLeases::releaseAll);
        ownedScheduler.ifPresent(ControllerScheduler::close);
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
        private Optional<ShardingSettings> sharding = Optional.empty();
        private Optional<ControllerScheduler> shardingScheduler = Optional.empty();

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
            return new ApplicationCrdController(objects, engine, states, sharding, shardingScheduler);
        }
    }
}
