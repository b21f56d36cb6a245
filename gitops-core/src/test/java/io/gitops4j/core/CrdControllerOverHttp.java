package io.gitops4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.engine.ManualScheduler;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Controller mode over HTTP for tests: the fake cluster behind a {@link FakeApiServer} with Argo
 * CD's own CRDs (GitOps4J's minimal ones where ../shared is absent), fabric8 to it, and an
 * {@link ApplicationCrdController} on a manual clock and scheduler; {@link #restart()} starts
 * another controller on the same cluster and work directory, as after a restart of the process.
 */
final class CrdControllerOverHttp implements AutoCloseable {

    static final String API = "argoproj.io/v1alpha1";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    final FakeCluster fake = new FakeCluster(clock);
    final FakeApiServer server;
    private final KubernetesClient client;
    private final Path workDir;
    ManualScheduler scheduler;
    ApplicationCrdController controller;
    /** Runs each time a sync waits for its next step, before the clock moves. */
    volatile Runnable onPace = () -> { };

    CrdControllerOverHttp(Path workDir) {
        this.workDir = workDir;
        fake.createFromYaml(ArgoCdCrds.yaml("application-crd.yaml.gz", "appproject-crd.yaml.gz"));
        fake.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: argocd\n");
        server = FakeApiServer.start(fake);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url())
                .withNamespace("default").withRequestRetryBackoffLimit(0).build()).build();
        restart();
    }

    /** Starts a controller (the first, or another after {@link ApplicationCrdController#close()}). */
    void restart() {
        GitOps gitops = GitOps.builder().cluster(new Fabric8Cluster(client)).workDir(workDir).clock(clock)
                .pacer(next -> {
                    onPace.run();
                    if (next.isAfter(clock.instant())) {
                        clock.set(next);
                    }
                    fake.controllers().tick();
                }).build();
        scheduler = new ManualScheduler(clock);
        controller = gitops.crdController().engine(engine -> engine.scheduler(scheduler)
                .refreshInterval(Duration.ofMinutes(3)).jitter(Duration.ZERO)).build();
        controller.start();
    }

    ObjectNode app(String name) {
        return fake.get(API, "Application", "argocd", name).map(o -> (ObjectNode) o)
                .orElseThrow(() -> new AssertionError("no Application " + name));
    }

    JsonNode status(String name) {
        return app(name).path("status");
    }

    /** Changes an Application as a user with kubectl edit does, again on a conflict. */
    void edit(String name, Consumer<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = app(name);
            change.accept(app);
            try {
                fake.update(app);
                return;
            } catch (io.gitops4j.cluster.ClusterException e) {
                if (e.code() != 409 || attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** Runs the controller's due work until {@code done}; watch events arrive on the HTTP client's threads. */
    void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> scheduler.runUntilIdle(), done, () -> fake.controllers().tick(),
                () -> "the controller did not get there within 30 s: " + fake.objects().stream()
                        .filter(o -> o.path("kind").asText().equals("Application"))
                        .map(o -> o.at("/metadata/name").asText() + ": " + o.path("status")).toList());
    }

    @Override
    public void close() {
        controller.close();
        client.close();
        server.close();
    }
}
