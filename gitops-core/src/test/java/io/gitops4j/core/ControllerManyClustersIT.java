package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.project.AppProjects;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.clusters.ConcurrencyLimit;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One engine, three clusters: its own, {@code staging} (a fake cluster in process) and
 * {@code production} (a fake API server over HTTP, stopped). The applications of the stopped
 * cluster are Unknown and contact nothing while the others sync; once it answers again they are
 * synced without anyone asking.
 */
class ControllerManyClustersIT {

    private static final String STAGING_SERVER = "https://staging.example.com:6443";

    @TempDir
    Path temp;

    private ControllerFixture fixture;
    private FakeCluster staging;
    private FakeCluster production;
    private FakeApiServer productionServer;
    private ClusterRegistry registry;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
        staging = new FakeCluster(fixture.clock);
        production = new FakeCluster(fixture.clock);
        productionServer = FakeApiServer.start(production);
        productionServer.close();   // stopped before the engine ever sees it
        registry = ClusterRegistry.builder().clock(fixture.clock).checkTimeout(Duration.ofSeconds(5)).build();
        registry.register("staging", STAGING_SERVER, staging);
        registry.registerToken("production", productionServer.url(), "a-token", "");
        fixture.newController(b -> b.clusters(registry).projects(AppProjects.read("""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata:
                  name: default
                spec:
                  sourceRepos: ['*']
                  destinations:
                  - {name: 'in-cluster', namespace: '*'}
                  - {name: staging, namespace: guestbook}
                  - {server: '%s', namespace: guestbook}
                  clusterResourceWhitelist: [{group: '', kind: Namespace}]
                """.formatted(productionServer.url()), "projects.yaml")));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        registry.close();
        productionServer.close();
    }

    private Application app(String name, ApplicationDestination destination) {
        return Application.builder(name).repoURL(fixture.repo.url()).path(GuestbookRepository.PATH)
                .destination(destination).automated(AutomatedSync.of(true, true)).build();
    }

    private static boolean deployed(FakeCluster cluster) {
        return cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").isPresent();
    }

    @Test
    void theAppsOfAStoppedClusterAreUnknownWhileTheOthersSyncAndAreSyncedOnceItAnswers() {
        fixture.controller.register(app("guestbook-local", ApplicationDestination.namespace("guestbook")));
        fixture.controller.register(app("guestbook-staging", new ApplicationDestination("", "staging", "guestbook")));
        fixture.controller.register(app("guestbook-production",
                new ApplicationDestination(productionServer.url(), "", "guestbook")));
        fixture.controller.start();
        fixture.run();

        assertThat(deployed(fixture.cluster)).isTrue();
        assertThat(deployed(staging)).isTrue();
        assertThat(fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow()
                .at("/metadata/annotations").toString()).contains("guestbook-local");
        assertThat(staging.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow()
                .at("/metadata/annotations").toString()).contains("guestbook-staging");
        assertThat(fixture.controller.status("guestbook-staging").sync().status()).isEqualTo(SyncStatusCode.SYNCED);

        ApplicationStatus stopped = fixture.controller.status("guestbook-production");
        assertThat(stopped.sync().status()).isEqualTo(SyncStatusCode.UNKNOWN);
        assertThat(stopped.health().status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(stopped.operationState()).as("no sync was tried").isEmpty();
        assertThat(stopped.conditions(ConditionType.COMPARISON_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).startsWith("cluster 'production' (" + productionServer.url()
                        + ") is unreachable: ").contains("checked again every 30 s").doesNotContain("a-token"));

        productionServer = FakeApiServer.start(production, productionServer.port());
        fixture.clock.advance(Duration.ofSeconds(31));
        runUntil(() -> deployed(production)
                && fixture.controller.status("guestbook-production").sync().status() == SyncStatusCode.SYNCED);
        assertThat(fixture.controller.status("guestbook-production").conditions(ConditionType.COMPARISON_ERROR)).isEmpty();

        productionServer.close();   // stops answering after its cache was built
        fixture.nextRound();
        runUntil(() -> fixture.controller.status("guestbook-production").sync().status() == SyncStatusCode.UNKNOWN);
        assertThat(fixture.controller.status("guestbook-production").conditions(ConditionType.COMPARISON_ERROR))
                .singleElement().satisfies(c -> assertThat(c.message()).contains("is unreachable"));
        assertThat(deployed(production)).as("nothing pruned").isTrue();
        assertThat(fixture.controller.status("guestbook-staging").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
    }

    @Test
    void anApplicationOfAClusterNobodyRegisteredIsUnknownNamingTheRegisteredOnes() {
        fixture.controller.register(app("guestbook-qa", new ApplicationDestination("", "qa", "guestbook")));
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.controller.status("guestbook-qa").conditions(ConditionType.INVALID_SPEC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).startsWith("there is no cluster named 'qa'"));
        assertThat(deployed(fixture.cluster)).isFalse();
    }

    @Test
    void anOperationWhoseClusterHasNoFreePermitWaitsOutsideTheQueueWhileTheOtherClustersGoOn() {
        fixture.controller.register(Application.builder("guestbook-local").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").build());
        fixture.controller.register(Application.builder("guestbook-staging").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destination(new ApplicationDestination("", "staging", "guestbook")).build());
        fixture.controller.start();
        fixture.run();
        ConcurrencyLimit limit = registry.byName("staging").orElseThrow().limit();
        List<ConcurrencyLimit.Permit> taken = new ArrayList<>();
        for (Optional<ConcurrencyLimit.Permit> permit = limit.tryAcquire(); permit.isPresent(); permit = limit.tryAcquire()) {
            taken.add(permit.get());
        }

        CompletableFuture<OperationState> toStaging = fixture.controller.sync("guestbook-staging", SyncRequest.defaults());
        CompletableFuture<OperationState> toLocal = fixture.controller.sync("guestbook-local", SyncRequest.defaults());
        fixture.run();

        assertThat(toLocal).isCompleted();
        assertThat(toLocal.join().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(toStaging).as("staging's permits are all taken").isNotDone();
        assertThat(deployed(staging)).isFalse();

        taken.forEach(ConcurrencyLimit.Permit::close);
        fixture.clock.advance(Duration.ofSeconds(1));
        fixture.run();
        assertThat(toStaging).isCompleted();
        assertThat(toStaging.join().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(deployed(staging)).isTrue();
    }

    /** Runs the due work until {@code done}; the cluster check and watch events run on other threads (at most 30 s). */
    private void runUntil(BooleanSupplier done) {
        UntilDone.run(() -> fixture.run(), done, () -> { },
                () -> "not there within 30 s: " + fixture.controller.statuses());
    }
}
