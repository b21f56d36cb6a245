package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSetException;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.ApplicationsSync;
import io.gitops4j.core.appset.GeneratedApplication;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.engine.OperationRefusedException;
import io.gitops4j.core.engine.UnknownApplicationException;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Redaction;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo CD's ApplicationSet controller in embedded mode: each registered set is generated
 * ({@link ApplicationSetGenerator}) and its Applications are created, updated and deleted in the
 * engine as its {@code syncPolicy.applicationsSync} allows ({@code create-only},
 * {@code create-update}, {@code create-delete}, {@code sync}, the default); they are owned by the
 * set, so an application of the same name registered otherwise is never taken over, and deleting
 * one follows its finalizers ({@code preserveResourcesOnDeletion: true} generates none, so its
 * resources stay). A generation that fails sets {@code ErrorOccurred} naming the generator, the
 * parameter set and the field, and creates, changes and deletes nothing. A generation equal to
 * the last writes nothing.
 *
 * <p>A set is generated when it is registered, when {@link #reconcile} or {@link #refresh} asks,
 * and again after its requeue interval (the shortest {@code requeueAfterSeconds} of its
 * generators; 3 minutes for a {@code git} generator without one; never for {@code list} and
 * {@code clusters} alone). Handed out by {@link Fleet#applicationSets}. Thread-safe: one set is
 * generated at a time.
 */
public final class ApplicationSetReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSetReconciler.class);

    /** A registered set and what the reconciler keeps of it. */
    private static final class Registered {
        final ApplicationSet set;
        ApplicationSetStatus status;
        long timer;
        Optional<RollingSync> rollout = Optional.empty();
        boolean checkScheduled;

        Registered(ApplicationSet set, ApplicationSetStatus status) {
            this.set = set;
            this.status = status;
        }
    }

    private final SetApplications owned;
    private final ApplicationSetGenerator generator;
    private final ControllerScheduler scheduler;
    private final Clock clock;
    private final Duration gitRequeue;
    private final Duration checkInterval;
    private final Optional<GitSource> git;
    private final Map<String, Registered> sets = new TreeMap<>();
    private long timers;

    private final Consumer<String> statusChanged;

    ApplicationSetReconciler(SetApplications owned, ApplicationSetGenerator generator, ControllerScheduler scheduler,
            Clock clock, Duration gitRequeue, Duration checkInterval, Optional<GitSource> git) {
        this(owned, generator, scheduler, clock, gitRequeue, checkInterval, git, name -> { });
    }

    ApplicationSetReconciler(SetApplications owned, ApplicationSetGenerator generator, ControllerScheduler scheduler,
            Clock clock, Duration gitRequeue, Duration checkInterval, Optional<GitSource> git,
            Consumer<String> statusChanged) {
        this.statusChanged = statusChanged;
        this.owned = owned;
        this.generator = generator;
        this.scheduler = scheduler;
        this.clock = clock;
        this.gitRequeue = gitRequeue;
        this.checkInterval = checkInterval;
        this.git = git;
    }

    /**
     * Registers a set, or replaces one of the same {@code namespace/name}, and generates it now.
     *
     * @param set the ApplicationSet
     * @return its status after this generation
     */
    public synchronized ApplicationSetStatus register(ApplicationSet set) {
        return register(set, List.of());
    }

    /**
     * Registers a set as {@link #register(ApplicationSet)}, resuming its progressive sync where a
     * controller before this one left it: with {@code strategy: RollingSync} and no rollout of the
     * set in memory, each application starts from its entry of {@code rollout} (the set's
     * {@code status.applicationStatus} as read from its object) instead of {@code Waiting}, so a
     * restart neither syncs again what was Pending nor lets a later step start early.
     *
     * @param set the ApplicationSet
     * @param rollout where each application stood in the progressive sync; ignored without RollingSync
     * @return its status after this generation
     */
    public synchronized ApplicationSetStatus register(ApplicationSet set, List<ApplicationSetApplicationStatus> rollout) {
        Registered previous = sets.get(set.qualifiedName());
        Registered registered = new Registered(set, previous == null ? initial(set.qualifiedName()) : previous.status);
        Optional<RolloutSteps> steps = RolloutSteps.of(set);
        if (previous != null && previous.rollout.isPresent() && steps.equals(
                Optional.of(previous.rollout.get().steps()))) {
            registered.rollout = previous.rollout;
        } else {
            registered.rollout = steps.map(RollingSync::new);
            registered.rollout.ifPresent(r -> r.restore(rollout));
        }
        sets.put(set.qualifiedName(), registered);
        return reconcile(set.qualifiedName());
    }

    /**
     * Generates the set again now (Argo CD's refresh) and applies the result.
     *
     * @param name the set's {@code namespace/name}
     * @return its status after this generation
     * @throws IllegalArgumentException when no set of that name is registered
     */
    public synchronized ApplicationSetStatus reconcile(String name) {
        Registered registered = require(name);
        ApplicationSet set = registered.set;
        registered.status = generateAndApply(registered);
        long timer = ++timers;
        registered.timer = timer;
        GeneratorRequeue.of(set, gitRequeue).ifPresent(after -> scheduler.schedule(clock.instant().plus(after),
                () -> requeued(name, timer)));
        progress(registered);
        statusChanged.accept(name);
        return status(name);
    }

    /**
     * A push to a repository: every set with a {@code git} generator reading it is generated
     * again now (the repository's refs listed again first).
     *
     * @param repoURL the repository pushed to, however it is spelled
     * @return how many sets were generated
     */
    public synchronized int refresh(String repoURL) {
        git.ifPresent(source -> source.refresh(repoURL));
        List<String> reading = new ArrayList<>();
        sets.forEach((name, registered) -> {
            if (GeneratorRequeue.repositories(registered.set).stream()
                    .anyMatch(url -> GitSource.sameRepository(url, repoURL))) {
                reading.add(name);
            }
        });
        reading.forEach(this::reconcile);
        LOG.info("refresh of {}: {} ApplicationSet(s) generated again", Redaction.url(repoURL), reading.size());
        return reading.size();
    }

    /**
     * A push to a repository, as Argo CD's ApplicationSet webhook handler reads it: every set with a
     * {@code git} generator (nested in a {@code matrix} or {@code merge} too) reading the repository
     * at the pushed revision is generated again now, the repository's refs listed again first. A
     * generator's {@code revision} names the pushed one when it is equal to it, with or without
     * {@code refs/heads/} or {@code refs/tags/}; a generator at {@code HEAD} (or none) is generated
     * again by a push of any branch, since the push's default branch is not known here (Argo CD:
     * only by a push to the default branch). An empty pushed revision matches every generator.
     *
     * @param repoURL the repository pushed to, however it is spelled
     * @param revision the branch or tag pushed, as {@link io.gitops4j.core.webhook.PushEvent#revision()}; empty for any
     * @return how many sets were generated
     */
    public synchronized int refresh(String repoURL, String revision) {
        List<String> reading = new ArrayList<>();
        sets.forEach((name, registered) -> {
            if (GeneratorRequeue.gitGenerators(registered.set).stream().anyMatch(generator ->
                    GitSource.sameRepository(generator.repoURL(), repoURL) && generator.revisionMatches(revision))) {
                reading.add(name);
            }
        });
        if (!reading.isEmpty()) {
            git.ifPresent(source -> source.refresh(repoURL));
        }
        reading.forEach(this::reconcile);
        LOG.info("push to {} of {}: {} ApplicationSet(s) generated again", Redaction.url(repoURL),
                revision.isEmpty() ? "(no ref)" : revision, reading.size());
        return reading.size();
    }

    /**
     * A cluster Secret was added, changed or deleted: every set with a {@code clusters} generator
     * (nested in a {@code matrix} or {@code merge} too) is generated again now, as Argo CD's
     * ApplicationSet controller queues them on a cluster Secret's event.
     *
     * @return how many sets were generated
     */
    public synchronized int clustersChanged() {
        List<String> reading = sets.entrySet().stream().filter(e -> GeneratorRequeue.usesClusters(e.getValue().set))
                .map(Map.Entry::getKey).toList();
        reading.forEach(this::reconcile);
        return reading.size();
    }

    /**
     * Forgets every set without touching its applications: no more generations, requeues or
     * RollingSync checks (controller mode, when this replica stops being the leader).
     */
    public synchronized void forgetAll() {
        sets.clear();
    }

    /**
     * Deletes the set and, as Kubernetes' garbage collector does for its owner references, every
     * application it owns, each as its finalizers say.
     *
     * @param name the set's {@code namespace/name}
     * @return completes once they are all gone
     */
    public synchronized CompletableFuture<Void> delete(String name) {
        require(name);
        sets.remove(name);
        Owner owner = Owner.applicationSet(name);
        return CompletableFuture.allOf(owned.ownedBy(owner).stream().map(app -> owned.delete(owner, app))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Forgets the set without touching its applications: no more generations or requeues (controller
     * mode, when its object can no longer be read).
     *
     * @param name the set's {@code namespace/name}
     * @return whether it was registered
     */
    public synchronized boolean forget(String name) {
        return sets.remove(name) != null;
    }

    /**
     * The set's status.
     *
     * @param name the set's {@code namespace/name}
     * @return its status after its last generation
     */
    public synchronized ApplicationSetStatus status(String name) {
        Registered registered = require(name);
        return registered.rollout.map(r -> registered.status.withApplicationStatus(r.snapshot()))
                .orElse(registered.status);
    }

    /** {@return every registered set's status, by {@code namespace/name}} */
    public synchronized Map<String, ApplicationSetStatus> statuses() {
        Map<String, ApplicationSetStatus> all = new TreeMap<>();
        sets.keySet().forEach(name -> all.put(name, status(name)));
        return all;
    }

    private synchronized void requeued(String name, long timer) {
        Registered registered = sets.get(name);
        if (registered != null && registered.timer == timer) {
            GeneratorRequeue.repositories(registered.set).forEach(url -> git.ifPresent(source -> source.refresh(url)));
            reconcile(name);
        }
    }

    private ApplicationSetStatus generateAndApply(Registered registered) {
        ApplicationSet set = registered.set;
        ApplicationSetStatus before = registered.status;
        String name = set.qualifiedName();
        Instant now = clock.instant();
        List<GeneratedApplication> generated;
        try {
            generated = generator.generate(set);
        } catch (GitOpsException | UncheckedIOException e) {
            LOG.warn("ApplicationSet {}: generation failed, its applications are left as they are: {}", name,
                    e.getMessage());
            return new ApplicationSetStatus(name, owned.ownedBy(Owner.applicationSet(name)), List.of(
                    new ApplicationSetCondition(ApplicationSetCondition.ERROR_OCCURRED, true,
                            "ApplicationGenerationFromParamsError", message(e), now),
                    new ApplicationSetCondition(ApplicationSetCondition.PARAMETERS_GENERATED, false,
                            "ErrorOccurred", message(e), now),
                    new ApplicationSetCondition(ApplicationSetCondition.RESOURCES_UP_TO_DATE, false,
                            "ErrorOccurred", message(e), now)),
                    FleetChanges.NONE, before.skipped(), Optional.of(now), List.of());
        }
        return apply(set, generated, registered.rollout, now);
    }

    private static String message(RuntimeException e) {
        return e instanceof ApplicationSetException || e instanceof GitOpsException ? e.getMessage() : e.toString();
    }

    private ApplicationSetStatus apply(ApplicationSet set, List<GeneratedApplication> generated,
            Optional<RollingSync> rollout, Instant now) {
        String name = set.qualifiedName();
        Owner owner = Owner.applicationSet(name);
        ApplicationsSync policy = set.syncPolicy().applicationsSync();
        Set<String> registered = owned.registeredNow();
        Changes changes = new Changes();
        Set<String> names = new HashSet<>();
        List<FleetApplication> desired = new ArrayList<>();
        for (GeneratedApplication app : generated) {
            names.add(app.name());
            FleetApplication wanted = FleetApplication.of(rollout.isPresent() ? withoutAutomatedSync(app.application())
                    : app.application(), app.manifest());
            desired.add(FleetApplication.of(app.application(), app.manifest()));
            ObjectNode manifest = app.manifest();
            if (rollout.isPresent()) {
                withoutAutomatedSync(manifest);
            }
            OwnedApplications.Result result = owned.upsert(owner, wanted, manifest, policy.allowsUpdate(), registered);
            changes.add(app.name(), result);
        }
        rollout.ifPresent(r -> r.generated(desired, Set.copyOf(changes.updated), now));
        for (String ownedName : owned.ownedBy(owner)) {
            if (names.contains(ownedName)) {
                continue;
            }
            if (policy.allowsDelete()) {
                owned.delete(owner, ownedName);
                changes.deleted.add(ownedName);
            } else {
                changes.skipped.add(ownedName);
                changes.reasons.add("application " + ownedName + " is no longer generated; applicationsSync "
                        + policy.value() + " does not delete");
            }
        }
        FleetChanges done = changes.toChanges();
        if (done.writes() > 0) {
            LOG.info("ApplicationSet {}: {} created, {} updated, {} deleted", name, done.created().size(),
                    done.updated().size(), done.deleted().size());
        }
        boolean upToDate = changes.reasons.isEmpty();
        String ok = "Successfully generated parameters for all Applications";
        return new ApplicationSetStatus(name, owned.ownedBy(owner), List.of(
                new ApplicationSetCondition(ApplicationSetCondition.ERROR_OCCURRED, false, "ApplicationSetUpToDate",
                        ok, now),
                new ApplicationSetCondition(ApplicationSetCondition.PARAMETERS_GENERATED, true, "ParametersGenerated",
                        ok, now),
                new ApplicationSetCondition(ApplicationSetCondition.RESOURCES_UP_TO_DATE, upToDate,
                        upToDate ? "ApplicationSetUpToDate" : "ApplicationsNotUpdated",
                        upToDate ? "All applications have been generated successfully" : String.join("; ",
                                changes.reasons), now)),
                done, changes.reasons, Optional.of(now), List.of());
    }

    /** RollingSync syncs the applications itself: their automated sync is turned off, as Argo CD does. */
    private static Application withoutAutomatedSync(Application app) {
        AutomatedSync automated = app.automated();
        if (automated.enabled()) {
            LOG.warn("application {}: automated sync is turned off, the set's RollingSync strategy syncs it", app.name());
        }
        return app.withAutomated(new AutomatedSync(false, automated.prune(), automated.selfHeal(),
                automated.allowEmpty()));
    }

    /** The object's {@code spec.syncPolicy.automated} removed, as the application model's. */
    private static void withoutAutomatedSync(ObjectNode manifest) {
        JsonNode policy = manifest.path("spec").path("syncPolicy");
        if (policy.isObject()) {
            ((ObjectNode) policy).remove("automated");
        }
    }

    /** An event of the controller: a set whose rollout covers the application moves on. */
    synchronized void onEvent(ApplicationEvent event) {
        applicationChanged(event.appName());
    }

    /**
     * An application changed (controller mode tells it from the engine's events): a set whose
     * RollingSync covers it moves on.
     *
     * @param appName the application's name as its set generated it
     */
    public synchronized void applicationChanged(String appName) {
        for (Registered registered : sets.values()) {
            if (registered.rollout.filter(r -> r.covers(appName)).isPresent()) {
                progress(registered);
                statusChanged.accept(registered.set.qualifiedName());
            }
        }
    }

    /** Moves the set's progressive sync on: syncs what its steps allow, and looks again later while it runs. */
    private void progress(Registered registered) {
        if (registered.rollout.isEmpty()) {
            return;
        }
        RollingSync rollout = registered.rollout.get();
        Owner owner = Owner.applicationSet(registered.set.qualifiedName());
        for (String name : rollout.progress(app -> owned.registered(owner, app).isEmpty() ? Optional.empty()
                : owned.status(owner, app), clock.instant())) {
            FleetApplication app = owned.registered(owner, name).orElseThrow();
            SyncRequest request = SyncRequest.builder().prune(app.application().automated().prune())
                    .retry(app.application().syncPolicy().automatedRetry()).build();
            try {
                owned.sync(owner, name, request);
                LOG.info("ApplicationSet {}: RollingSync syncs application {}", registered.set.qualifiedName(), name);
            } catch (OperationRefusedException | UnknownApplicationException e) {
                LOG.debug("ApplicationSet {}: RollingSync cannot sync {} yet: {}", registered.set.qualifiedName(), name,
                        e.getMessage());
            }
        }
        if (rollout.inProgress() && !registered.checkScheduled) {
            registered.checkScheduled = true;
            scheduler.schedule(clock.instant().plus(checkInterval), () -> checkRollout(registered));
        }
    }

    private synchronized void checkRollout(Registered registered) {
        registered.checkScheduled = false;
        if (sets.get(registered.set.qualifiedName()) == registered) {
            progress(registered);
            statusChanged.accept(registered.set.qualifiedName());
        }
    }

    private ApplicationSetStatus initial(String name) {
        return new ApplicationSetStatus(name, List.of(), List.of(), FleetChanges.NONE, List.of(), Optional.empty(),
                List.of());
    }

    private Registered require(String name) {
        Registered registered = sets.get(name);
        if (registered == null) {
            throw new IllegalArgumentException("no ApplicationSet " + name + " is registered; registered: "
                    + sets.keySet());
        }
        return registered;
    }

    /** What one apply did, collected. */
    private static final class Changes {
        final List<String> created = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        void add(String name, OwnedApplications.Result result) {
            switch (result.outcome()) {
                case CREATED -> created.add(name);
                case UPDATED -> updated.add(name);
                case UNCHANGED -> unchanged.add(name);
                case SKIPPED -> {
                    skipped.add(name);
                    reasons.add(result.reason());
                }
            }
        }

        FleetChanges toChanges() {
            return new FleetChanges(created, updated, deleted, unchanged, skipped);
        }
    }
}
