package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ChildApplicationHandler;
import io.gitops4j.core.engine.AutomatedSyncPause;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.engine.ResourceExclusions;
import io.gitops4j.core.engine.RefreshType;
import io.gitops4j.core.engine.StateConflictException;
import io.gitops4j.core.engine.StateStore;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.engine.UnknownApplicationException;

import io.gitops4j.core.git.ResolvedRevision;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.reconcile.AppRevision;
import io.gitops4j.core.project.DestinationCluster;
import io.gitops4j.core.reconcile.AppStateManager;
import io.gitops4j.core.reconcile.TargetState;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.ResourceKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application controller's registry and loop: which applications it has, the refresh rounds,
 * the watches that mark applications for comparison, the work queue feeding the scheduler's
 * workers, and writing each status once it changed (to the listeners, the metrics and the store).
 * What a worker does for one application is in {@link AppComparer}, {@link OperationRunner} and
 * {@link AppDeleter}. Thread-safe.
 */
public final class ControllerCore {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerCore.class);

    /** How long {@link #close()} lets running operations reach a safe point: a pod's default terminationGracePeriodSeconds. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(30);

    final AppStateManager states;
    final SyncEngine engine;
    final ControllerSettings settings;
    final ControllerScheduler scheduler;
    final LiveStateCache cache;
    final Notifier notifier;
    final ControllerMetrics metrics;
    final Clock clock;
    private final StateStore store;
    private final WorkQueue queue;
    private final ConcurrentMap<String, ManagedApp> apps = new ConcurrentHashMap<>();
    private final ConcurrentMap<ResourceKey, Set<String>> desiredBy = new ConcurrentHashMap<>();
    private final AppComparer comparer;
    private final OperationRunner operations;
    private final AppDeleter deleter;
    private volatile Optional<ChildApplicationHandler> childApplications = Optional.empty();
    final ProjectGate gate;
    final AutoSyncPauses pauses;
    private final NotificationFeed notifications;
    final DestinationClusters destinations;
    final ExcludedResources excluded = new ExcludedResources();
    private volatile Instant lastRoundAt;
    private volatile Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private volatile boolean started;
    private volatile boolean closed;

    public ControllerCore(AppStateManager states, ControllerSettings settings, ControllerScheduler scheduler) {
        this(states, settings, FleetSettings.NONE, scheduler);
    }

    public ControllerCore(AppStateManager states, ControllerSettings settings, FleetSettings fleet,
            ControllerScheduler scheduler) {
        this.states = states;
        this.settings = settings;
        this.scheduler = scheduler;
        this.clock = states.clock();
        this.store = settings.store();
        this.queue = new WorkQueue(settings.maxComparisons(), settings.maxOperations());
        this.notifier = new Notifier(settings.listeners(), clock);
        this.metrics = new ControllerMetrics(settings.meterRegistry());
        this.cache = new LiveStateCache(states.cluster(), states.tracking(), this::liveObjectChanged,
                type -> excluded.isExcluded(type.group(), type.kind(), DestinationCluster.IN_CLUSTER.server()));
        this.engine = states.syncEngine(new WriteReportingCluster(states.cluster(), cache));
        this.lastRoundAt = clock.instant();
        this.comparer = new AppComparer(this);
        this.operations = new OperationRunner(this);
        this.deleter = new AppDeleter(this);
        this.gate = new ProjectGate(this, fleet.projects());
        this.pauses = new AutoSyncPauses(this);
        this.notifications = new NotificationFeed(fleet.notifier(), scheduler);
        this.destinations = new DestinationClusters(this, fleet.clusters(), new DestinationClusters.Target(
                DestinationCluster.IN_CLUSTER, states.cluster(), states, cache, engine));
    }

    /** Takes Argo CD Application objects out of every render and hands them to {@code handler}. */
    public void childApplications(ChildApplicationHandler handler) {
        this.childApplications = Optional.of(handler);
    }

    /** Leaves the kinds these exclude alone on every cluster (call before {@link #start()}). */
    public void resourceExclusions(ResourceExclusions exclusions) {
        excluded.set(exclusions);
    }

    /**
     * Renders as {@link AppStateManager#render}, the child Applications taken out when a handler wants
     * them, and the excluded kinds.
     */
    TargetState render(AppStateManager on, Application app, ApplicationSource source, ResolvedRevision resolved,
            boolean hard) {
        return withoutExcluded(app, withoutChildApplications(on.render(app, source, resolved, hard)));
    }

    /** Renders every source of an application at its revision, child Applications and excluded kinds set apart. */
    TargetState render(AppStateManager on, Application app, AppRevision revision, boolean hard) {
        return withoutExcluded(app, withoutChildApplications(on.render(app, revision, hard)));
    }

    private TargetState withoutExcluded(Application app, TargetState target) {
        return excluded.filter(target, destinations.identity(app).server());
    }

    private TargetState withoutChildApplications(TargetState target) {
        return childApplications.map(handler -> ChildApplicationSplit.split(target, handler)).orElse(target);
    }

    /** Fills the cache, starts the watches and the first round. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        cache.start();
        round();
    }

    /** Compares every application, listing each repository once, and sets the next round. */
    private void round() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        lastRoundAt = now;
        apps.keySet().forEach(name -> queue.compare(name, RefreshType.NORMAL, now));
        dispatch();
        destinations.checkOpenClusters();
        long jitterMillis = settings.jitter().toMillis();
        Duration jitter = jitterMillis <= 0 ? Duration.ZERO : Duration.ofMillis(settings.random().nextLong(jitterMillis + 1));
        scheduler.schedule(now.plus(settings.refreshInterval()).plus(jitter), this::round);
    }

    /** Registers or updates an application; a new one's stored state is read first. */
    public void register(Application app) {
        boolean[] fromStore = {false};
        boolean[] sourcesChanged = {false};
        ManagedApp managed = apps.compute(app.name(), (name, current) -> {
            if (current != null) {
                sourcesChanged[0] = !current.app().allSources().equals(app.allSources());
                current.app(app);
                return current;
            }
            ManagedApp loaded = new ManagedApp(app, ApplicationStatus.UNKNOWN);
            store.load(name).ifPresent(stored -> {
                StoredState state = SourceRebinding.rebind(stored.state(), app.allSources());
                loaded.status(state.status());
                loaded.lastAttempt = state.lastSyncAttempt();
                loaded.storedVersion = Optional.of(stored.version());
                fromStore[0] = true;
            });
            return loaded;
        });
        metrics.info(app, managed.status());
        if (fromStore[0]) {
            pauses.restore(managed);
            notifications.statusWritten(app, managed.status());   // a restarted notifier judges the stored status
        }
        operations.resumeInterrupted(managed);
        if (started) {
            // a source the user just changed may name what was pushed since the round listed the refs
            queue.compare(app.name(), RefreshType.NORMAL, sourcesChanged[0] ? clock.instant() : lastRoundAt);
            dispatch();
        }
    }

    /** Stops managing the application; its stored state and its resources stay. */
    public boolean unregister(String appName) {
        ManagedApp removed = apps.remove(appName);
        if (removed == null) {
            return false;
        }
        removed.unregistered = true;
        queue.forget(appName);
        removed.desiredKeys.forEach(key -> unindex(key, appName));
        metrics.forget(appName);
        excluded.forget(appName);
        return true;
    }

    /** The application, or an {@link UnknownApplicationException}. */
    public ManagedApp app(String appName) {
        ManagedApp app = apps.get(appName);
        if (app == null) {
            throw new UnknownApplicationException(appName);
        }
        return app;
    }

    /** Every registered application. */
    public Collection<ManagedApp> apps() {
        return apps.values();
    }

    /**
     * Asks for a comparison of every application of the repository whose target revision may be
     * {@code revision} (a webhook's push), listing the repository again under every spelling the
     * applications use ({@link RepositoryUrlMatch}: a web URL matches its SSH and {@code .git} forms).
     */
    public int refresh(String repoURL, String revision) {
        Instant now = clock.instant();
        states.git().refresh(repoURL);
        int count = 0;
        for (ManagedApp app : apps.values()) {
            List<ApplicationSource> pushed = app.app().allSources().stream()
                    .filter(s -> RepositoryUrlMatch.matches(s.repoURL(), repoURL)
                            && RevisionMatch.mayName(s.targetRevision(), revision))
                    .toList();
            if (!pushed.isEmpty()) {
                pushed.forEach(s -> states.git().refresh(s.repoURL()));
                queue.compare(app.app().name(), RefreshType.NORMAL, now);
                count++;
            }
        }
        LOG.info("refresh of {} at {}: {} application(s)", Redaction.url(repoURL), revision, count);
        dispatch();
        return count;
    }

    /** Asks for a comparison of one application, listing its repository again. */
    public void refresh(String appName, RefreshType type) {
        ManagedApp app = app(appName);
        app.app().allSources().forEach(s -> states.git().refresh(s.repoURL()));
        queue.compare(appName, type, clock.instant());
        dispatch();
    }

    /** Asks for a comparison reusing the last round's listing (a live object changed, an operation ended). */
    void compareSoon(String appName) {
        queue.compare(appName, RefreshType.NORMAL, lastRoundAt);
        dispatch();
    }

    /** Asks for the application's requested operation to run. */
    void operateSoon(String appName) {
        queue.operate(appName);
        dispatch();
    }

    /** Pauses automated sync of the application (see {@link AutoSyncPauses}). */
    public void pause(String appName, AutomatedSyncPause pause) {
        pauses.pause(app(appName), pause);
    }

    /** Resumes automated sync of the application; whether it was paused. */
    public boolean resume(String appName) {
        return pauses.resume(app(appName));
    }

    /** The application's pause of automated sync, if one holds now. */
    public Optional<AutomatedSyncPause> pauseOf(String appName) {
        app(appName);
        return pauses.of(appName);
    }

    /**
     * Refuses a manual sync the application's project forbids now (its spec, or a sync window).
     *
     * @throws io.gitops4j.core.engine.OperationRefusedException naming the project and the rule
     */
    public void checkManualSync(ManagedApp managed) {
        gate.refuseManual(managed.app(), destinationOf(managed.app()));
    }

    /** The application's destination cluster as projects see it. */
    DestinationCluster destinationOf(Application app) {
        return destinations.identity(app);
    }

    /** Operation runner, for the facade. */
    public OperationRunner operations() {
        return operations;
    }

    /** Deleter, for the facade. */
    public AppDeleter deleter() {
        return deleter;
    }

    /** Hands every task that may start to the scheduler. */
    void dispatch() {
        if (closed || !started) {
            return;
        }
        for (WorkQueue.Task task : queue.claim()) {
            scheduler.execute(() -> run(task));
        }
    }

    private void run(WorkQueue.Task task) {
        try {
            ManagedApp app = apps.get(task.appName());
            if (app != null && !closed) {
                if (task instanceof WorkQueue.Operate) {
                    operate(app);
                } else if (app.deleting.isPresent()) {
                    deleter.continueDeletion(app);
                } else {
                    comparer.compare(app, (WorkQueue.Compare) task);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("{} of {} failed", task, task.appName(), e);
        } finally {
            queue.done(task);
            dispatch();
        }
    }

    /** Runs the application's operation with a permit of its cluster's limit, or puts it off. */
    private void operate(ManagedApp app) {
        Optional<AutoCloseable> permit = destinations.permit(app.app());
        if (permit.isEmpty()) {
            destinations.operateLater(app);
            return;
        }
        try {
            operations.run(app);
        } finally {
            try {
                permit.get().close();
            } catch (Exception e) {
                LOG.debug("a cluster permit failed to close: {}", e.toString());
            }
        }
    }

    void liveObjectChanged(LiveStateCache.Change change) {
        Set<String> affected = new HashSet<>();
        change.previousOwner().filter(apps::containsKey).ifPresent(affected::add);
        change.owner().filter(apps::containsKey).ifPresent(affected::add);
        affected.addAll(desiredBy.getOrDefault(change.key(), Set.of()));
        affected.forEach(name -> queue.compare(name, RefreshType.NORMAL, lastRoundAt));
        if (!affected.isEmpty()) {
            dispatch();
        }
    }

    /** Remembers which objects an application wants, so a change of one marks it. */
    void desiredKeys(ManagedApp app, Set<ResourceKey> keys) {
        String name = app.app().name();
        for (ResourceKey old : app.desiredKeys) {
            if (!keys.contains(old)) {
                unindex(old, name);
            }
        }
        keys.forEach(key -> desiredBy.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(name));
        app.desiredKeys = Set.copyOf(keys);
    }

    private void unindex(ResourceKey key, String name) {
        desiredBy.computeIfPresent(key, (k, names) -> {
            names.remove(name);
            return names.isEmpty() ? null : names;
        });
    }

    /** Sets the status; when it changed: events, metrics and the store. */
    void publish(ManagedApp app, ApplicationStatus status) {
        ApplicationStatus before = app.status();
        ApplicationStatus next = UnknownFieldConditions.of(app.app(), status, before, clock.instant());
        if (before.equals(next)) {
            return;
        }
        app.status(next);
        notifier.changes(app.app().name(), before, next);
        metrics.info(app.app(), next);
        save(app);
        notifications.statusWritten(app.app(), next);
    }

    /** Stores the application's state, reading the stored version again once on a conflict. */
    void save(ManagedApp app) {
        String name = app.app().name();
        if (app.unregistered) {
            return;
        }
        StoredState state = new StoredState(app.status(), app.lastAttempt);
        try {
            app.storedVersion = Optional.of(store.save(name, state, app.storedVersion));
        } catch (StateConflictException e) {
            LOG.debug("{}: {}; saving over it", name, e.getMessage());
            Optional<String> current = store.load(name).map(StateStore.Versioned::version);
            app.storedVersion = Optional.of(store.save(name, state, current));
        } catch (RuntimeException e) {
            LOG.warn("cannot store the state of {}: {}", name, e.getMessage());
        }
    }

    /** Forgets a deleted application, its state included. */
    void forget(ManagedApp app) {
        unregister(app.app().name());
        try {
            store.delete(app.app().name());
        } catch (RuntimeException e) {
            LOG.warn("cannot delete the stored state of {}: {}", app.app().name(), e.getMessage());
        }
    }

    /** The controller's clock. */
    public Clock clock() {
        return clock;
    }

    /** When the current refresh round started. */
    Instant lastRoundAt() {
        return lastRoundAt;
    }

    /** How long {@link #close()} lets running operations reach a safe point before it interrupts them. */
    public void shutdownGracePeriod(Duration value) {
        this.shutdownGracePeriod = value;
    }

    /**
     * Stops taking work, lets running operations stop at their next safe point within the grace
     * period (they stay Running for the next controller to resume, see {@link SafePoints}), then
     * interrupts what still runs and stops the watches.
     */
    public void close() {
        closed = true;
        operations.stopAtSafePoints();
        scheduler.close(shutdownGracePeriod);
        cache.close();
        notifications.close();
        destinations.close();
    }
}
