package io.gitops4j.core.fleet;

import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.appset.ApplicationSetException;
import io.gitops4j.core.appset.ApplicationSetGenerator;
import io.gitops4j.core.appset.ApplicationsSync;
import io.gitops4j.core.appset.GeneratedApplication;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.git.GitSource;
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

    private record Registered(ApplicationSet set, ApplicationSetStatus status, long timer) {
    }

    private final OwnedApplications owned;
    private final ApplicationSetGenerator generator;
    private final ControllerScheduler scheduler;
    private final Clock clock;
    private final Duration gitRequeue;
    private final Optional<GitSource> git;
    private final Map<String, Registered> sets = new TreeMap<>();
    private long timers;

    ApplicationSetReconciler(OwnedApplications owned, ApplicationSetGenerator generator, ControllerScheduler scheduler,
            Clock clock, Duration gitRequeue, Optional<GitSource> git) {
        this.owned = owned;
        this.generator = generator;
        this.scheduler = scheduler;
        this.clock = clock;
        this.gitRequeue = gitRequeue;
        this.git = git;
    }

    /**
     * Registers a set, or replaces one of the same {@code namespace/name}, and generates it now.
     *
     * @return its status after this generation
     */
    public synchronized ApplicationSetStatus register(ApplicationSet set) {
        Registered previous = sets.get(set.qualifiedName());
        ApplicationSetStatus status = previous == null ? initial(set.qualifiedName()) : previous.status();
        sets.put(set.qualifiedName(), new Registered(set, status, ++timers));
        return reconcile(set.qualifiedName());
    }

    /**
     * Generates the set again now (Argo CD's refresh) and applies the result.
     *
     * @throws IllegalArgumentException when no set of that name is registered
     */
    public synchronized ApplicationSetStatus reconcile(String name) {
        Registered registered = require(name);
        ApplicationSet set = registered.set();
        ApplicationSetStatus status = generateAndApply(set, registered.status());
        long timer = ++timers;
        sets.put(name, new Registered(set, status, timer));
        GeneratorRequeue.of(set, gitRequeue).ifPresent(after -> scheduler.schedule(clock.instant().plus(after),
                () -> requeued(name, timer)));
        return status;
    }

    /**
     * A push to a repository: every set with a {@code git} generator reading it is generated
     * again now (the repository's refs listed again first).
     *
     * @return how many sets were generated
     */
    public synchronized int refresh(String repoURL) {
        git.ifPresent(source -> source.refresh(repoURL));
        List<String> reading = new ArrayList<>();
        sets.forEach((name, registered) -> {
            if (GeneratorRequeue.repositories(registered.set()).stream()
                    .anyMatch(url -> GitSource.sameRepository(url, repoURL))) {
                reading.add(name);
            }
        });
        reading.forEach(this::reconcile);
        LOG.info("refresh of {}: {} ApplicationSet(s) generated again", Redaction.url(repoURL), reading.size());
        return reading.size();
    }

    /**
     * Deletes the set and, as Kubernetes' garbage collector does for its owner references, every
     * application it owns, each as its finalizers say.
     *
     * @return completes once they are all gone
     */
    public synchronized CompletableFuture<Void> delete(String name) {
        require(name);
        sets.remove(name);
        Owner owner = Owner.applicationSet(name);
        return CompletableFuture.allOf(owned.ownedBy(owner).stream().map(app -> owned.delete(owner, app))
                .toArray(CompletableFuture[]::new));
    }

    /** The set's status. */
    public synchronized ApplicationSetStatus status(String name) {
        return require(name).status();
    }

    /** Every registered set's status, by {@code namespace/name}. */
    public synchronized Map<String, ApplicationSetStatus> statuses() {
        Map<String, ApplicationSetStatus> all = new TreeMap<>();
        sets.forEach((name, registered) -> all.put(name, registered.status()));
        return all;
    }

    private synchronized void requeued(String name, long timer) {
        Registered registered = sets.get(name);
        if (registered != null && registered.timer() == timer) {
            GeneratorRequeue.repositories(registered.set()).forEach(url -> git.ifPresent(source -> source.refresh(url)));
            reconcile(name);
        }
    }

    private ApplicationSetStatus generateAndApply(ApplicationSet set, ApplicationSetStatus before) {
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
                    FleetChanges.NONE, before.skipped(), Optional.of(now));
        }
        return apply(set, generated, now);
    }

    private static String message(RuntimeException e) {
        return e instanceof ApplicationSetException || e instanceof GitOpsException ? e.getMessage() : e.toString();
    }

    private ApplicationSetStatus apply(ApplicationSet set, List<GeneratedApplication> generated, Instant now) {
        String name = set.qualifiedName();
        Owner owner = Owner.applicationSet(name);
        ApplicationsSync policy = set.syncPolicy().applicationsSync();
        Set<String> registered = owned.registeredNow();
        Changes changes = new Changes();
        Set<String> names = new HashSet<>();
        for (GeneratedApplication app : generated) {
            names.add(app.name());
            OwnedApplications.Result result = owned.upsert(owner, FleetApplication.of(app.application(),
                    app.manifest()), policy.allowsUpdate(), registered);
            changes.add(app.name(), result);
        }
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
                done, changes.reasons, Optional.of(now));
    }

    private ApplicationSetStatus initial(String name) {
        return new ApplicationSetStatus(name, List.of(), List.of(), FleetChanges.NONE, List.of(), Optional.empty());
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
