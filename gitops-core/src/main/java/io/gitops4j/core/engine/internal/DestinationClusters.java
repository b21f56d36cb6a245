package io.gitops4j.core.engine.internal;

import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.project.DestinationCluster;
import io.gitops4j.core.reconcile.AppStateManager;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.clusters.ClusterRegistryException;
import io.gitops4j.k8s.clusters.RegisteredCluster;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.kube.GitOpsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster each application is compared with and synced to. Without a {@link ClusterRegistry}
 * every application goes to the engine's one cluster. With one, {@code destination.server} or
 * {@code destination.name} is found there (an empty or in-cluster destination is the engine's own
 * cluster unless the registry has an in-cluster entry), and each cluster gets its own live-state
 * cache and sync engine, made when its first application needs them.
 *
 * <p>A cluster whose last check failed is not contacted: its applications are Unknown with a
 * {@code ComparisonError} naming it (nothing is compared, synced or pruned), and the cluster is
 * checked again every {@link #RECHECK_INTERVAL} on the controller's clock, the check itself on a
 * thread of this class (bounded by the registry's check timeout), so no work-queue slot or worker
 * ever waits on an unreachable cluster and the other clusters' applications go on. Once it
 * answers, its applications are compared at once, on a fresh cache. Every refresh round checks the
 * clusters in use again the same way, so one that stops answering later is noticed within a
 * round. Thread-safe.
 */
final class DestinationClusters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationClusters.class);

    /** How long after a failed check a cluster is checked again. */
    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(30);

    /** How long an operation whose cluster has no free permit waits before it is tried again. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    /** One destination cluster and the parts that work on it. */
    record Target(DestinationCluster id, Cluster cluster, AppStateManager states, LiveStateCache cache,
            SyncEngine engine) {
    }

    /**
     * The application's cluster cannot be used now; its message says why and what happens next,
     * its condition type is Argo CD's for the case (an unknown cluster is an invalid spec).
     */
    static final class Unavailable extends GitOpsException {

        private static final long serialVersionUID = 1L;

        private final ConditionType conditionType;

        Unavailable(ConditionType conditionType, String message) {
            super(message);
            this.conditionType = conditionType;
        }

        ConditionType conditionType() {
            return conditionType;
        }
    }

    private final ControllerCore core;
    private final Optional<ClusterRegistry> registry;
    private final Target local;
    private final Map<String, Target> remote = new ConcurrentHashMap<>();
    private final Set<String> rechecking = ConcurrentHashMap.newKeySet();
    private final ExecutorService checks;
    private volatile boolean closed;

    DestinationClusters(ControllerCore core, Optional<ClusterRegistry> registry, Target local) {
        this.core = core;
        this.registry = registry;
        this.local = local;
        this.checks = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gitops4j-destination-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The engine's own cluster. */
    Target local() {
        return local;
    }

    /**
     * The application's destination cluster as projects see it (server and name), resolved
     * through the registry where one is given.
     */
    DestinationCluster identity(Application app) {
        Optional<RegisteredCluster> registered = registered(app.destination());
        return registered.map(c -> new DestinationCluster(c.server(), c.name()))
                .orElseGet(() -> DestinationNames.of(app.destination()));
    }

    /**
     * The cluster the application is compared with and synced to.
     *
     * @throws Unavailable when it is not registered, or its last check failed (a check again is set)
     */
    Target of(Application app) {
        if (registry.isEmpty() || isLocal(app.destination())) {
            return local;
        }
        RegisteredCluster cluster;
        try {
            cluster = registry.get().resolve(app.destination().server(), app.destination().name());
        } catch (ClusterRegistryException e) {
            dropUnregisteredCaches();
            throw new Unavailable(ConditionType.INVALID_SPEC_ERROR, e.getMessage());
        }
        if (!cluster.isReachable()) {
            dropCache(cluster.server());
            recheckLater(cluster.server());
            throw new Unavailable(ConditionType.COMPARISON_ERROR, "cluster " + cluster.describe() + " is unreachable: "
                    + cluster.connectionState().message() + "; nothing is compared, synced or pruned, and it is "
                    + "checked again every " + RECHECK_INTERVAL.toSeconds() + " s");
        }
        Target open = remote.get(cluster.server());
        if (open != null && open.cluster() != cluster.cluster()) {
            dropCache(cluster.server());   // registered again (a changed cluster Secret): a new client
        }
        return remote.computeIfAbsent(cluster.server(), server -> open(cluster));
    }

    /** Closes the caches of clusters no longer registered (a deleted cluster Secret). */
    private void dropUnregisteredCaches() {
        for (String server : List.copyOf(remote.keySet())) {
            if (registry.orElseThrow().byServer(server).isEmpty()) {
                dropCache(server);
            }
        }
    }

    /**
     * A permit of the application's cluster's {@link io.gitops4j.k8s.clusters.ConcurrencyLimit}
     * for one operation, if one is free now (always, for the engine's own cluster); the caller
     * closes it. An operation that gets none is put off ({@link #operateLater}) rather than
     * waiting in its work-queue slot, so a slow cluster's operations never hold up another's.
     */
    Optional<AutoCloseable> permit(Application app) {
        Optional<RegisteredCluster> cluster = registered(app.destination());
        if (cluster.isEmpty()) {
            return Optional.of(() -> { });
        }
        return cluster.get().limit().tryAcquire().map(permit -> permit::close);
    }

    /** Asks for the application's operation again after {@link #BUSY_RETRY}. */
    void operateLater(ManagedApp managed) {
        String name = managed.app().name();
        LOG.debug("{}: every permit of its cluster is taken; the operation waits {}", name, BUSY_RETRY);
        core.scheduler.schedule(core.clock.instant().plus(BUSY_RETRY), () -> core.operateSoon(name));
    }

    private boolean isLocal(ApplicationDestination destination) {
        DestinationCluster id = DestinationNames.of(destination);
        return id.equals(DestinationCluster.IN_CLUSTER)
                && registry.orElseThrow().byServer(DestinationCluster.IN_CLUSTER.server()).isEmpty();
    }

    private Optional<RegisteredCluster> registered(ApplicationDestination destination) {
        if (registry.isEmpty() || isLocal(destination)) {
            return Optional.empty();
        }
        try {
            return Optional.of(registry.get().resolve(destination.server(), destination.name()));
        } catch (ClusterRegistryException e) {
            return Optional.empty();
        }
    }

    private Target open(RegisteredCluster cluster) {
        LOG.info("first application on cluster {}: starting its live-state cache", cluster.describe());
        AppStateManager states = core.states.withCluster(cluster.cluster());
        LiveStateCache cache = new LiveStateCache(cluster.cluster(), states.tracking(), core::liveObjectChanged,
                type -> core.excluded.isExcluded(type.group(), type.kind(), cluster.server()));
        cache.start();
        return new Target(new DestinationCluster(cluster.server(), cluster.name()), cluster.cluster(), states, cache,
                states.syncEngine(new WriteReportingCluster(cluster.cluster(), cache)));
    }

    /**
     * Checks every cluster with an open cache again (each refresh round), on this class's thread:
     * the applications of one that no longer answers are compared at once, so they turn Unknown
     * instead of being judged on a cache its dead watches no longer update.
     */
    void checkOpenClusters() {
        if (registry.isEmpty()) {
            return;
        }
        for (String server : List.copyOf(remote.keySet())) {
            try {
                checks.execute(() -> {
                    if (closed || registry.get().byServer(server).isEmpty()) {
                        return;
                    }
                    RegisteredCluster checked = registry.get().recheck(server);
                    if (!checked.isReachable()) {
                        LOG.warn("cluster {} no longer answers: {}", checked.describe(),
                                checked.connectionState().message());
                        dropCache(server);
                        appsOf(server).forEach(app -> {
                            app.compared = Optional.empty();
                            core.compareSoon(app.app().name());
                        });
                    }
                });
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    private void dropCache(String server) {
        Target dropped = remote.remove(server);
        if (dropped != null) {
            dropped.cache().close();
        }
    }

    private List<ManagedApp> appsOf(String server) {
        return core.apps().stream()
                .filter(a -> registered(a.app().destination()).map(c -> c.server().equals(server)).orElse(false))
                .toList();
    }

    /** Checks the cluster again after the interval, off the work queue, once at a time per cluster. */
    private void recheckLater(String server) {
        if (closed || !rechecking.add(server)) {
            return;
        }
        core.scheduler.schedule(core.clock.instant().plus(RECHECK_INTERVAL), () -> {
            try {
                checks.execute(() -> recheck(server));
            } catch (RejectedExecutionException e) {
                rechecking.remove(server);
            }
        });
    }

    private void recheck(String server) {
        rechecking.remove(server);
        if (closed || registry.get().byServer(server).isEmpty()) {
            return;
        }
        List<ManagedApp> apps = appsOf(server);
        if (apps.isEmpty()) {
            return;
        }
        RegisteredCluster checked = registry.get().recheck(server);
        if (!checked.isReachable()) {
            LOG.info("cluster {} is still unreachable: {}", checked.describe(), checked.connectionState().message());
            recheckLater(server);
            return;
        }
        LOG.info("cluster {} answers again: comparing its {} application(s)", checked.describe(), apps.size());
        for (ManagedApp app : apps) {
            app.compared = Optional.empty();
            core.compareSoon(app.app().name());
        }
    }

    @Override
    public void close() {
        closed = true;
        checks.shutdownNow();
        remote.values().forEach(target -> target.cache().close());
    }
}
