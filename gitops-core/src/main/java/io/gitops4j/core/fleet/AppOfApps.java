package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationListener;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.engine.ChildApplicationHandler;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App-of-apps in embedded mode: the Application objects a parent renders become applications of
 * the engine when the parent is synced (an automated parent: at once, as its automated sync
 * would apply them), wave by wave; children removed from Git are deleted (as their finalizers
 * say) only by a sync with prune. With child application health on, a wave starts only once
 * every child of the earlier waves is Synced and Healthy. A render that failed, or children that
 * cannot be read, change nothing. Thread-safe.
 */
final class AppOfApps implements ChildApplicationHandler, ApplicationListener {

    private static final Logger LOG = LoggerFactory.getLogger(AppOfApps.class);
    private static final int REVISIONS_KEPT = 4;

    /** The children of one render: every one read, or the error that stopped it. */
    private record Rendered(List<FleetApplication> children, Optional<String> error) {
    }

    /** A sync of the children going wave by wave. */
    private record Pending(String revision, List<FleetApplication> children, boolean prune) {
    }

    /** What the fleet knows of one parent. */
    private static final class Parent {
        final Map<String, Rendered> rendered = new LinkedHashMap<>();
        Optional<String> renderError = Optional.empty();
        Optional<Pending> pending = Optional.empty();
        String revision = "";
        List<FleetApplication> synced = List.of();
        Optional<String> waitingFor = Optional.empty();
        boolean checkScheduled;
        final Map<String, String> messages = new HashMap<>();
    }

    private final boolean childHealth;
    private final Duration checkInterval;
    private final Clock clock;
    private final ControllerScheduler scheduler;
    private final Map<String, Parent> parents = new HashMap<>();
    private final Map<String, String> parentOf = new HashMap<>();
    private volatile ApplicationController controller;
    private volatile OwnedApplications owned;

    AppOfApps(boolean childHealth, Duration checkInterval, Clock clock, ControllerScheduler scheduler) {
        this.childHealth = childHealth;
        this.checkInterval = checkInterval;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    void bind(ApplicationController value, OwnedApplications registry) {
        this.controller = value;
        this.owned = registry;
    }

    @Override
    public void rendered(Application parent, String revision, List<ObjectNode> objects) {
        Rendered rendered = read(parent, revision, objects);
        synchronized (this) {
            Parent state = parents.computeIfAbsent(parent.name(), n -> new Parent());
            if (objects.isEmpty() && state.rendered.isEmpty() && state.synced.isEmpty()) {
                parents.remove(parent.name());
                return;
            }
            state.rendered.remove(revision);
            state.rendered.put(revision, rendered);
            if (state.rendered.size() > REVISIONS_KEPT) {
                state.rendered.remove(state.rendered.keySet().iterator().next());
            }
            state.renderError = rendered.error();
            if (parent.automated().enabled()) {
                startSync(parent.name(), state, revision, parent.automated().prune(), parent.automated().allowEmpty());
            }
        }
    }

    private static Rendered read(Application parent, String revision, List<ObjectNode> objects) {
        List<FleetApplication> children = new ArrayList<>();
        String source = "Application " + parent.name() + " at " + revision.substring(0, Math.min(7, revision.length()));
        for (ObjectNode object : objects) {
            try {
                children.add(FleetApplication.of(Applications.fromObject(object, source), object));
            } catch (GitOpsException | IllegalArgumentException e) {
                String message = "child Application " + KubernetesObjects.name(object) + " of " + source
                        + " cannot be read, so no child is created, changed or deleted: " + e.getMessage();
                LOG.warn("{}", message);
                return new Rendered(List.of(), Optional.of(message));
            }
        }
        return new Rendered(children, Optional.empty());
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        String name = event.appName();
        synchronized (this) {
            Parent state = parents.get(name);
            if (state != null && event.type() == ApplicationEvent.Type.SYNC_SUCCEEDED) {
                Optional<Operation> operation = status(name).flatMap(ApplicationStatus::operationState)
                        .map(s -> s.operation());
                if (operation.isPresent() && !operation.get().dryRun() && operation.get().isWholeSync()) {
                    Operation done = operation.get();
                    startSync(name, state, event.revision(), done.prune(),
                            done.allowEmpty() || !done.initiatedBy().automated());
                }
            }
            String parent = parentOf.get(name);
            if (parent != null && parents.containsKey(parent) && parents.get(parent).pending.isPresent()) {
                advance(parent);
            }
        }
    }

    /**
     * Syncs the children of a revision rendered; an automated sync of a revision without children
     * prunes none unless {@code allowEmpty}, as Argo CD's automated sync refuses an empty render.
     */
    private void startSync(String parentName, Parent state, String revision, boolean prune, boolean allowEmpty) {
        Rendered rendered = state.rendered.get(revision);
        if (rendered == null || rendered.error().isPresent()) {
            return;
        }
        boolean mayPrune = prune && (!rendered.children().isEmpty() || allowEmpty);
        state.pending = Optional.of(new Pending(revision, rendered.children(), mayPrune));
        rendered.children().forEach(child -> parentOf.put(child.name(), parentName));
        advance(parentName);
    }

    /** Registers the next waves of the parent's pending sync, as far as child health allows, then prunes. */
    private synchronized void advance(String parentName) {
        Parent state = parents.get(parentName);
        if (state == null || state.pending.isEmpty() || controller == null) {
            return;
        }
        Pending pending = state.pending.get();
        Owner owner = Owner.parent(parentName);
        state.revision = pending.revision();
        state.messages.clear();
        Set<String> registered = owned.registeredNow();
        TreeMap<Integer, List<FleetApplication>> waves = new TreeMap<>();
        pending.children().forEach(child -> waves.computeIfAbsent(child.wave(), w -> new ArrayList<>()).add(child));
        for (Map.Entry<Integer, List<FleetApplication>> wave : waves.entrySet()) {
            for (FleetApplication child : wave.getValue()) {
                OwnedApplications.Result result = owned.upsert(owner, child, true, registered);
                if (result.outcome() == OwnedApplications.Outcome.SKIPPED) {
                    state.messages.put(child.name(), result.reason());
                }
            }
            Optional<String> notReady = childHealth ? notReady(wave.getValue()) : Optional.empty();
            if (notReady.isPresent() && !wave.getKey().equals(waves.lastKey())) {
                state.waitingFor = Optional.of("wave " + waves.higherKey(wave.getKey()) + " waits for wave "
                        + wave.getKey() + ": " + notReady.get());
                waves.tailMap(wave.getKey(), false).values().forEach(later -> later.forEach(child -> state.messages
                        .putIfAbsent(child.name(), "waiting for wave " + wave.getKey() + " to be Synced and Healthy")));
                scheduleCheck(parentName, state);
                return;
            }
        }
        Set<String> wanted = new HashSet<>();
        pending.children().forEach(child -> wanted.add(child.name()));
        for (String name : owned.ownedBy(owner)) {
            if (!wanted.contains(name)) {
                if (pending.prune()) {
                    owned.delete(owner, name);
                    parentOf.remove(name);
                } else {
                    state.messages.put(name, "removed from Git; deleted by a sync with prune");
                }
            }
        }
        state.synced = pending.children();
        state.pending = Optional.empty();
        state.waitingFor = Optional.empty();
    }

    /** Why a child of the wave is not Synced and Healthy, or empty when all are. */
    private Optional<String> notReady(List<FleetApplication> wave) {
        for (FleetApplication child : wave) {
            Optional<ApplicationStatus> status = status(child.name());
            if (status.isEmpty()) {
                return Optional.of(child.name() + " is not registered");
            }
            SyncStatusCode sync = status.get().sync().status();
            HealthStatus health = status.get().health().status();
            if (sync != SyncStatusCode.SYNCED || health != HealthStatus.HEALTHY) {
                return Optional.of(child.name() + " is " + sync.displayName() + " and " + health.displayName());
            }
        }
        return Optional.empty();
    }

    private void scheduleCheck(String parentName, Parent state) {
        if (state.checkScheduled) {
            return;
        }
        state.checkScheduled = true;
        scheduler.schedule(clock.instant().plus(checkInterval), () -> {
            synchronized (this) {
                state.checkScheduled = false;
                advance(parentName);
            }
        });
    }

    private Optional<ApplicationStatus> status(String name) {
        try {
            return Optional.of(controller.status(name));
        } catch (io.gitops4j.core.engine.UnknownApplicationException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes a parent as Argo CD's cascade would: with cascade its children first, each as its
     * finalizers say (they are the parent's resources), then the parent; without, the parent
     * alone, its children left registered and no longer owned.
     */
    CompletableFuture<Void> delete(String parentName, Cascade cascade) {
        Owner owner = Owner.parent(parentName);
        List<String> children;
        synchronized (this) {
            parents.remove(parentName);
            parentOf.values().removeIf(parentName::equals);
            children = owned.ownedBy(owner);
        }
        CompletableFuture<Void> childrenGone = cascade == Cascade.NONE
                ? CompletableFuture.completedFuture(null).thenRun(() -> children.forEach(c -> owned.release(owner, c)))
                : CompletableFuture.allOf(children.stream().map(c -> owned.delete(owner, c))
                        .toArray(CompletableFuture[]::new));
        return childrenGone.thenCompose(done -> controller.delete(parentName, cascade));
    }

    /** The parent's children as the fleet sees them now. */
    synchronized ChildApplications children(String parentName) {
        Parent state = parents.getOrDefault(parentName, new Parent());
        Owner owner = Owner.parent(parentName);
        List<FleetApplication> desired = state.pending.map(Pending::children).orElse(state.synced);
        Map<String, Integer> waves = new LinkedHashMap<>();
        desired.forEach(child -> waves.put(child.name(), child.wave()));
        owned.ownedBy(owner).forEach(name -> waves.putIfAbsent(name,
                owned.registered(owner, name).map(FleetApplication::wave).orElse(0)));
        Health health = status(parentName).map(ApplicationStatus::health).orElse(Health.of(HealthStatus.UNKNOWN));
        List<ChildApplication> children = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : waves.entrySet()) {
            Optional<ApplicationStatus> status = status(entry.getKey());
            boolean registered = status.isPresent() && owned.registered(owner, entry.getKey()).isPresent();
            Health childHealthNow = registered ? status.get().health() : Health.of(HealthStatus.MISSING);
            if (childHealth && childHealthNow.status().isWorseThan(health.status())) {
                health = new Health(childHealthNow.status(), "child application " + entry.getKey() + ": "
                        + childHealthNow.status().displayName());
            }
            children.add(new ChildApplication(entry.getKey(), entry.getValue(), registered,
                    registered ? status.get().sync().status() : SyncStatusCode.UNKNOWN, childHealthNow,
                    state.messages.getOrDefault(entry.getKey(), "")));
        }
        children.sort(Comparator.comparingInt(ChildApplication::wave).thenComparing(ChildApplication::name));
        return new ChildApplications(parentName, state.revision, children, state.waitingFor, state.renderError, health);
    }
}
