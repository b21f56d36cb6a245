package io.gitops4j.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.InMemoryStateStore;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.core.engine.StateStore;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application controller on a fake cluster, a manual clock and a manual scheduler, with a
 * guestbook repository: tests move the clock and run the work, nothing sleeps.
 */
final class ControllerFixture implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(3);

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    final FakeCluster cluster = new FakeCluster(clock);
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
    final StateStore store;
    final LocalRepository repo;
    final GitOps gitops;
    ManualScheduler scheduler;
    ApplicationController controller;
    /** More settings for every controller the fixture builds (projects, clusters, notifications). */
    java.util.function.UnaryOperator<ApplicationController.Builder> options = builder -> builder;
    /** Runs each time a sync waits for its next step (while it runs), before the clock moves. */
    volatile Runnable onPace = () -> { };

    ControllerFixture(Path temp) {
        this(temp, GuestbookRepository.create(temp.resolve("repo")), new InMemoryStateStore());
    }

    /** A fixture on another store (the cluster-backed one, say). */
    ControllerFixture(Path temp, java.util.function.Function<FakeCluster, StateStore> store) {
        this.repo = GuestbookRepository.create(temp.resolve("repo"));
        this.store = store.apply(cluster);
        this.gitops = gitops(temp);
        this.controller = newController();
    }

    private ControllerFixture(Path temp, LocalRepository repo, StateStore store) {
        this.repo = repo;
        this.store = store;
        this.gitops = gitops(temp);
        this.controller = newController();
    }

    private GitOps gitops(Path temp) {
        return GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).clock(clock)
                .meterRegistry(metrics).pacer(next -> {
                    onPace.run();
                    if (next.isAfter(clock.instant())) {
                        clock.set(next);
                    }
                    cluster.controllers().tick();
                }).build();
    }

    /** A fresh controller on the same cluster, Git cache and store, as after a restart. */
    ApplicationController newController() {
        scheduler = new ManualScheduler(clock);
        controller = options.apply(gitops.controller().scheduler(scheduler).refreshInterval(INTERVAL).jitter(Duration.ZERO)
                .stateStore(store).listener(events::add).meterRegistry(metrics)).build();
        return controller;
    }

    /** A fresh controller with {@code more} settings (kept for later restarts); the current one is closed. */
    ApplicationController newController(java.util.function.UnaryOperator<ApplicationController.Builder> more) {
        controller.close();
        options = more;
        return newController();
    }

    /** Runs everything due now. */
    void run() {
        scheduler.runUntilIdle();
    }

    /** Moves the clock past the refresh interval and runs the round. */
    void nextRound() {
        clock.advance(INTERVAL.plusSeconds(1));
        run();
    }

    long gitRequests(String type) {
        return Optional.ofNullable(metrics.find("argocd.git.request").tag("request_type", type).counter())
                .map(Counter::count).map(Double::longValue).orElse(0L);
    }

    List<ApplicationEvent.Type> eventTypes(String app) {
        return events.stream().filter(e -> e.appName().equals(app)).map(ApplicationEvent::type).toList();
    }

    ObjectNode deployment() {
        return cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
    }

    int replicas() {
        return deployment().at("/spec/replicas").asInt();
    }

    @Override
    public void close() {
        controller.close();
        repo.close();
    }
}
