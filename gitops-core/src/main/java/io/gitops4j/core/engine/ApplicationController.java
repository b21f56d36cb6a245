package io.gitops4j.core.engine;

import io.gitops4j.core.engine.internal.ControllerCore;
import io.gitops4j.core.engine.internal.ControllerSettings;
import io.gitops4j.core.engine.internal.FleetSettings;
import io.gitops4j.core.engine.internal.ManagedApp;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.notifications.Notifier;
import io.gitops4j.core.notifications.NotificationsConfig;
import io.gitops4j.core.project.AppProject;
import io.gitops4j.core.project.ProjectPolicy;
import io.gitops4j.core.reconcile.AppStateManager;
import io.gitops4j.core.reconcile.SelfHealBackoff;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Keeps registered applications equal to Git, as Argo CD's application controller: every
 * {@linkplain Builder#refreshInterval refresh interval} (3 minutes, plus up to a minute of jitter)
 * each repository is listed once and every application whose commit moved is rendered and
 * compared; watches on the cluster mark an application for comparison as soon as one of its live
 * objects changes, so self-heal answers a drift within one watch event; automated sync follows
 * Argo CD's rules (a new revision is synced once, self-heal with its backoff, the
 * {@code allowEmpty} safeguard, no retry loop on a revision whose sync failed); a failed
 * operation is retried as a whole with Argo CD's {@code retry} backoff on the controller's clock
 * (an automated sync without {@code retry} up to 5 times), and stays failed after the limit. An application
 * whose commit, spec and live objects did not move is not rendered or compared again.
 *
 * <pre>{@code
 * try (ApplicationController controller = gitops.controller().listener(events::add).build()) {
 *     controller.register(app);
 *     controller.start();
 *     controller.refresh(repoURL, "main");           // a webhook said main moved
 *     ApplicationStatus status = controller.status("guestbook");
 * }
 * }</pre>
 *
 * <p>Work runs on a {@link ControllerScheduler}: a pool of threads by default, a
 * {@link ManualScheduler} in tests. An application is never worked on by two workers at once; at
 * most {@link Builder#statusProcessors} comparisons and {@link Builder#operationProcessors}
 * operations run at a time. A failure to fetch or render keeps the last good status with a
 * {@code ComparisonError} condition and never syncs or prunes. State lives in a
 * {@link StateStore} (in memory by default): a restarted controller on the same store does not
 * sync again what was synced, and resumes or fails an operation the stopped one left running.
 *
 * <p>Thread-safe.
 */
public final class ApplicationController implements AutoCloseable {

    private final ControllerCore core;

    private ApplicationController(ControllerCore core) {
        this.core = core;
    }

    /**
     * A controller on the given parts; {@code GitOps.controller()} hands one out on its own.
     *
     * @param states the state manager of the instance: cluster, Git cache, renderer, differ, health and
     *     clock
     * @return a new builder with Argo CD's defaults
     */
    public static Builder builder(AppStateManager states) {
        return new Builder(states);
    }

    /**
     * Registers an application, or updates the spec of one registered already; its stored state
     * (status, history, last sync) is read first. Once started, it is compared soon.
     *
     * @param app the application; registered under its name
     */
    public void register(Application app) {
        core.register(Objects.requireNonNull(app, "app"));
    }

    /**
     * Stops managing an application; its resources and its stored state stay. Whether it was registered.
     *
     * @param appName the application's name
     * @return {@code true} when it was registered, {@code false} when it was not
     */
    public boolean unregister(String appName) {
        return core.unregister(appName);
    }

    /** Starts the watches and the loop: every application is compared at once, then every interval. */
    public void start() {
        core.start();
    }

    /**
     * Stops the loop: no new work is taken; a running sync stops at its next safe point (between
     * two of its steps) within the {@linkplain Builder#shutdownGracePeriod grace period}, after
     * which it is interrupted. A sync stopped so stays Running in the stored status (its future is
     * cancelled) and the next controller started on the same store runs it again from its start,
     * as Argo CD's controller does with an operation whose phase is Running.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * The application's status.
     *
     * @param appName the application's name
     * @return its status as last compared, synced or loaded from the state store
     * @throws UnknownApplicationException when it is not registered
     */
    public ApplicationStatus status(String appName) {
        return core.app(appName).status();
    }

    /** {@return every registered application's status, by name} */
    public Map<String, ApplicationStatus> statuses() {
        Map<String, ApplicationStatus> all = new TreeMap<>();
        core.apps().forEach(app -> all.put(app.app().name(), app.status()));
        return all;
    }

    /**
     * The application's successful syncs of every resource, oldest first.
     *
     * @param appName the application's name
     * @return its history entries, oldest first, at most its {@code revisionHistoryLimit}
     */
    public List<RevisionHistory> history(String appName) {
        return status(appName).history();
    }

    /**
     * A webhook's push: every application of the repository whose target revision may name
     * {@code revision} (a branch or tag, with or without {@code refs/heads/}; empty for any) is
     * compared soon, the repository listed again.
     *
     * @param repoURL the repository URL of the push, matched as {@link io.gitops4j.core.git.GitSource#sameRepository} matches it ({@code .git},
     *     case of the host)
     * @param revision the branch or tag pushed
     * @return how many applications were marked
     */
    public int refresh(String repoURL, String revision) {
        return core.refresh(Objects.requireNonNull(repoURL, "repoURL"), Objects.requireNonNull(revision, "revision"));
    }

    /**
     * Compares one application soon, listing its repository again; a hard refresh renders again ignoring
     * the cache.
     *
     * @param appName the application's name
     * @param type {@link RefreshType#NORMAL} or {@link RefreshType#HARD}
     */
    public void refresh(String appName, RefreshType type) {
        core.refresh(appName, Objects.requireNonNull(type, "type"));
    }

    /**
     * A manual sync of the application's target revision; see {@link #sync(String, String, SyncRequest)}.
     *
     * @param appName the application's name
     * @param request what to sync and how
     * @return completes with the operation's final state
     */
    public CompletableFuture<OperationState> sync(String appName, SyncRequest request) {
        return sync(appName, "", request);
    }

    /**
     * A manual sync, as Argo CD's {@code argocd app sync}: prune, dry run, selected resources,
     * sync options and retry as the request says (a request without retry takes the
     * application's {@code spec.syncPolicy.retry}). A failed or errored operation is retried as a
     * whole after its backoff, as long as its retry limit allows. A dry run or a selective sync is not recorded in
     * the history and never stops a later automated sync.
     *
     * @param appName the application's name
     * @param revision a branch, tag or commit to sync instead of the target revision; empty for it
     * @param request what to sync and how: prune, dry run, resources, sync options, retry
     * @return completes with the operation's final state
     * @throws OperationRefusedException when another operation waits or runs
     */
    public CompletableFuture<OperationState> sync(String appName, String revision, SyncRequest request) {
        ManagedApp managed = core.app(appName);
        core.checkManualSync(managed);
        SyncRequest withRetry = request.retry().equals(RetryPolicy.NONE)
                ? request.toBuilder().retry(managed.app().syncPolicy().manualRetry()).build() : request;
        return core.operations().request(managed,
                Operation.sync(Objects.requireNonNull(revision, "revision"), withRetry, InitiatedBy.user("")));
    }

    /**
     * Runs an operation as Argo CD's {@code .operation} field asks for one, who started it and
     * its retry policy included (controller mode takes them from the Application object).
     * An operation not initiated by automation is a manual sync: like {@link #sync}, it is refused
     * while the application's project forbids it or a sync window blocks manual syncs (a deny
     * window without {@code manualSync: true}), with Argo CD's message.
     *
     * @param appName the application's name
     * @param operation the sync to run, with its initiator and retry policy
     * @return completes with the operation's final state
     * @throws OperationRefusedException when another operation waits or runs, or a manual one is
     *     forbidden now
     */
    public CompletableFuture<OperationState> operate(String appName, Operation operation) {
        ManagedApp managed = core.app(appName);
        if (!Objects.requireNonNull(operation, "operation").initiatedBy().automated()) {
            core.checkManualSync(managed);
        }
        return core.operations().request(managed, operation);
    }

    /**
     * Pauses automated sync (and self-heal) of the application until {@link #resumeAutomatedSync}:
     * the guides' emergency switch during an incident, so a change made by hand is not undone.
     * Manual syncs still run. The status shows an {@code AutomatedSyncPaused} condition with the
     * reason; the pause is kept in the state store, so a restarted controller keeps it.
     *
     * @param appName the application's name
     * @param reason why, one line, shown in the status and in events
     * @throws UnknownApplicationException when it is not registered
     */
    public void pauseAutomatedSync(String appName, String reason) {
        core.pause(appName, new AutomatedSyncPause(Objects.requireNonNull(reason, "reason"),
                core.clock().instant(), Optional.empty()));
    }

    /**
     * Pauses automated sync of the application for {@code duration} on the controller's clock; when
     * it ends, the application is compared and synced as usual (a drift made meanwhile is healed).
     *
     * @param appName the application's name
     * @param reason why, one line, shown in the status and in events
     * @param duration how long the pause holds, from now on the controller's clock
     */
    public void pauseAutomatedSync(String appName, String reason, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a pause needs a positive duration, not " + duration);
        }
        Instant now = core.clock().instant();
        core.pause(appName, new AutomatedSyncPause(Objects.requireNonNull(reason, "reason"), now,
                Optional.of(now.plus(duration))));
    }

    /**
     * Ends the application's pause of automated sync; whether it was paused.
     *
     * @param appName the application's name
     * @return {@code true} when a pause was lifted
     */
    public boolean resumeAutomatedSync(String appName) {
        return core.resume(appName);
    }

    /**
     * The application's pause of automated sync, if one holds now.
     *
     * @param appName the application's name
     * @return the pause, with its reason and its end; empty when none holds
     */
    public Optional<AutomatedSyncPause> automatedSyncPause(String appName) {
        return core.pauseOf(appName);
    }

    /**
     * Syncs the revision and source of a history entry again, as {@code argocd app rollback}: with
     * Argo CD's {@code apply} strategy (no hook runs), every source of an entry of several at its
     * recorded revision.
     *
     * @param appName the application's name
     * @param historyId the {@code id} of the entry in {@link #history(String)}
     * @param request how to sync: prune, dry run, resources, sync options
     * @return completes with the operation's final state
     * @throws OperationRefusedException while automated sync is on (it would sync Git again at
     *     once), when the history has no such id, or another operation waits or runs
     */
    public CompletableFuture<OperationState> rollback(String appName, long historyId, SyncRequest request) {
        ManagedApp managed = core.app(appName);
        if (managed.app().automated().enabled()) {
            throw new OperationRefusedException("rollback of " + appName + " refused: automated sync is enabled and "
                    + "would sync Git again; turn spec.syncPolicy.automated off first");
        }
        RevisionHistory entry = managed.status().history().stream().filter(h -> h.id() == historyId).findFirst()
                .orElseThrow(() -> new OperationRefusedException("application " + appName + " has no history id "
                        + historyId + "; it has " + managed.status().history().stream().map(h -> Long.toString(h.id()))
                                .toList()));
        core.checkManualSync(managed);
        // as Argo CD's API server: a sync of the entry's source(s) at its revision(s), hooks not run
        Operation operation = Operation.sync(entry.revision(), request, InitiatedBy.user(""))
                .withStrategy(SyncStrategy.APPLY);
        if (!entry.sources().isEmpty()) {
            return core.operations().request(managed, operation.withSources(entry.sources(), entry.revisions()));
        }
        return core.operations().request(managed, new Operation(entry.revision(), Optional.of(entry.source()),
                operation.prune(), operation.allowEmpty(), operation.dryRun(), operation.resources(),
                operation.syncOptions(), operation.initiatedBy(), operation.retry(), 0, operation.strategy(),
                List.of(), List.of()));
    }

    /**
     * Terminates the application's operation; whether one waited or ran.
     *
     * @param appName the application's name
     * @return {@code true} when an operation was waiting or running and was told to stop
     */
    public boolean terminate(String appName) {
        return core.operations().terminate(core.app(appName));
    }

    /**
     * Deletes the application: with {@link Cascade#NONE} at once, its resources kept; otherwise
     * its resources first (Argo CD's resources finalizer), the highest sync wave first.
     *
     * @param appName the application's name
     * @param cascade {@link Cascade#FOREGROUND} or {@link Cascade#BACKGROUND} to delete its resources too,
     *     {@link Cascade#NONE} to keep them
     * @return completes once the application is gone
     */
    public CompletableFuture<Void> delete(String appName, Cascade cascade) {
        return core.deleter().delete(core.app(appName), Objects.requireNonNull(cascade, "cascade"));
    }

    /** Configures an {@link ApplicationController}. */
    public static final class Builder {
        private final AppStateManager states;
        private Duration refreshInterval = Duration.ofMinutes(3);
        private Duration jitter = Duration.ofMinutes(1);
        private int statusProcessors = 20;
        private int operationProcessors = 10;
        private SelfHealBackoff selfHealBackoff = SelfHealBackoff.DEFAULT;
        private StateStore store = new InMemoryStateStore();
        private final List<ApplicationListener> listeners = new ArrayList<>();
        private Optional<MeterRegistry> meterRegistry = Optional.empty();
        private Optional<ControllerScheduler> scheduler = Optional.empty();
        private RandomGenerator random = new SplittableRandom();
        private Optional<ChildApplicationHandler> childApplications = Optional.empty();
        private ResourceExclusions resourceExclusions = ResourceExclusions.NONE;
        private Optional<Supplier<ProjectPolicy>> projects = Optional.empty();
        private Duration shutdownGracePeriod = ControllerCore.DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private Optional<List<AppProject>> projectList = Optional.empty();
        private Optional<ClusterRegistry> clusters = Optional.empty();
        private Optional<NotificationsConfig> notifications = Optional.empty();
        private Consumer<Notifier.Builder> notifierSettings = n -> { };

        private Builder(AppStateManager states) {
            this.states = Objects.requireNonNull(states, "states");
        }

        /**
         * How often every application is compared with Git (default 3 minutes, Argo CD's {@code
         * timeout.reconciliation}).
         *
         * @param value the interval between two comparisons of an application
         * @return this builder
         */
        public Builder refreshInterval(Duration value) {
            this.refreshInterval = Objects.requireNonNull(value, "refreshInterval");
            return this;
        }

        /**
         * At most this much is added to each interval at random (default 1 minute, Argo CD's jitter).
         *
         * @param value the largest jitter; zero for none
         * @return this builder
         */
        public Builder jitter(Duration value) {
            this.jitter = Objects.requireNonNull(value, "jitter");
            return this;
        }

        /**
         * How many comparisons run at once (default 20, Argo CD's {@code --status-processors}).
         *
         * @param value the number of comparisons at once
         * @return this builder
         */
        public Builder statusProcessors(int value) {
            this.statusProcessors = value;
            return this;
        }

        /**
         * How many operations run at once (default 10, Argo CD's {@code --operation-processors}).
         *
         * @param value the number of operations at once
         * @return this builder
         */
        public Builder operationProcessors(int value) {
            this.operationProcessors = value;
            return this;
        }

        /**
         * How self-heal backs off (default {@link SelfHealBackoff#DEFAULT}: 2 s, times 3, at most 5 min).
         *
         * @param value the backoff between two self-heal syncs of an application
         * @return this builder
         */
        public Builder selfHealBackoff(SelfHealBackoff value) {
            this.selfHealBackoff = Objects.requireNonNull(value, "selfHealBackoff");
            return this;
        }

        /**
         * Where each application's state is kept (default: in memory).
         *
         * @param value the state store, such as a {@link ClusterStateStore}
         * @return this builder
         */
        public Builder stateStore(StateStore value) {
            this.store = Objects.requireNonNull(value, "stateStore");
            return this;
        }

        /**
         * Adds a listener of events.
         *
         * @param value a listener, called on the controller's worker threads; keep it short
         * @return this builder
         */
        public Builder listener(ApplicationListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Where metrics go, with Argo CD's names (default: nowhere).
         *
         * @param value the Micrometer registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meterRegistry = Optional.of(Objects.requireNonNull(value, "meterRegistry"));
            return this;
        }

        /**
         * Where work runs (default: a pool of as many threads as both processor counts together,
         * timers on the clock). The controller closes it when it closes.
         *
         * @param value the scheduler, such as a {@link ManualScheduler} in tests
         * @return this builder
         */
        public Builder scheduler(ControllerScheduler value) {
            this.scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
            return this;
        }

        /**
         * Where the jitter comes from (default: a fresh random generator).
         *
         * @param value the random generator of the jitter
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Takes the Argo CD Application objects out of every render and hands them to
         * {@code handler} instead of applying them (app-of-apps, embedded); default: none, they
         * are applied to the cluster.
         *
         * @param handler what receives the child Applications of each render
         * @return this builder
         */
        public Builder childApplications(ChildApplicationHandler handler) {
            this.childApplications = Optional.of(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Leaves resource kinds alone per destination cluster, as Argo CD's {@code resource.exclusions}
         * and {@code resource.inclusions}: not watched (so never compared or pruned), and left out of
         * what Git renders with an {@code ExcludedResourceWarning}. Default: only the kinds the engine
         * never watches (Events, Endpoints, EndpointSlices, Leases, CertificateSigningRequests).
         * {@code ArgoCdSettings.applyTo} sets the settings' filter, Argo CD's default exclusions when
         * {@code argocd-cm} sets none.
         *
         * @param value the exclusions
         * @return this builder
         */
        public Builder resourceExclusions(ResourceExclusions value) {
            this.resourceExclusions = Objects.requireNonNull(value, "resourceExclusions");
            return this;
        }

        /**
         * Judges every application against these AppProjects as Argo CD does (see
         * {@link ProjectPolicy}; Argo CD's {@code default} project is there unless replaced, sync
         * windows are judged on the controller's clock). Default: no project checks at all.
         *
         * @param value the projects, by their {@code metadata.name}
         * @return this builder
         */
        public Builder projects(List<AppProject> value) {
            this.projectList = Optional.of(List.copyOf(value));
            this.projects = Optional.empty();
            return this;
        }

        /**
         * Judges every application against the policy {@code value} hands out at each check, so a
         * controller over the cluster's AppProject objects can hand out the newest one. Its clock
         * should be the controller's.
         *
         * @param value what hands out the policy in force
         * @return this builder
         */
        public Builder projects(Supplier<ProjectPolicy> value) {
            this.projects = Optional.of(Objects.requireNonNull(value, "projects"));
            this.projectList = Optional.empty();
            return this;
        }

        /**
         * Finds each application's destination ({@code server} or {@code name}) in the registry and
         * compares and syncs it there, with a live-state cache per cluster made when its first
         * application needs it. Default: every application goes to the engine's one cluster.
         *
         * @param value the clusters, by {@code server} URL and {@code name}
         * @return this builder
         */
        public Builder clusters(ClusterRegistry value) {
            this.clusters = Optional.of(Objects.requireNonNull(value, "clusters"));
            return this;
        }

        /**
         * Sends Argo CD Notifications for the applications' statuses (subscriptions from their
         * {@code notifications.argoproj.io/subscribe.*} annotations), delivered off the controller's
         * threads; see {@link Notifier}. Default: none.
         *
         * @param config the triggers, templates, services and default subscriptions, Argo CD's {@code
         *     argocd-notifications-cm} and {@code argocd-notifications-secret}
         * @return this builder
         */
        public Builder notifications(NotificationsConfig config) {
            return notifications(config, n -> { });
        }

        /**
         * As {@link #notifications(NotificationsConfig)}, with the notifier's settings (its
         * {@link io.gitops4j.core.notifications.NotificationStateStore}, executor, retry policy)
         * adjusted by {@code settings}; the clock is the controller's unless set there.
         *
         * @param config the triggers, templates, services and default subscriptions
         * @param settings changes applied to the notifier's builder before it is built
         * @return this builder
         */
        public Builder notifications(NotificationsConfig config, Consumer<Notifier.Builder> settings) {
            this.notifications = Optional.of(Objects.requireNonNull(config, "config"));
            this.notifierSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * How long {@link ApplicationController#close()} lets running syncs reach a safe point
         * before it interrupts them (default 30 s, a pod's default {@code terminationGracePeriodSeconds}:
         * set it below the pod's).
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder shutdownGracePeriod(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("the shutdown grace period cannot be negative: " + value);
            }
            this.shutdownGracePeriod = value;
            return this;
        }

        /**
         * Builds the controller; it does nothing until {@link ApplicationController#start()}.
         *
         * @return the controller, with a scheduler of {@code statusProcessors + operationProcessors}
         *     threads unless one was given
         */
        public ApplicationController build() {
            ControllerSettings settings = new ControllerSettings(refreshInterval, jitter, statusProcessors,
                    operationProcessors, selfHealBackoff, store, listeners, meterRegistry, random);
            ControllerScheduler workers = scheduler.orElseGet(() -> ControllerScheduler.threads(
                    statusProcessors + operationProcessors, states.clock()));
            Optional<Supplier<ProjectPolicy>> policy = projects.or(() -> projectList.map(list -> {
                ProjectPolicy fixed = ProjectPolicy.builder(states.clock()).projects(list).build();
                return () -> fixed;
            }));
            Optional<Notifier> notifier = notifications.map(config -> {
                Notifier.Builder builder = Notifier.builder(config).clock(states.clock());
                notifierSettings.accept(builder);
                return builder.build();
            });
            FleetSettings fleet = new FleetSettings(policy, clusters, notifier);
            ControllerCore core = new ControllerCore(states, settings, fleet, workers);
            childApplications.ifPresent(core::childApplications);
            core.resourceExclusions(resourceExclusions);
            core.shutdownGracePeriod(shutdownGracePeriod);
            return new ApplicationController(core);
        }
    }
}
