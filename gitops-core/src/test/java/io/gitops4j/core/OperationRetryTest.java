package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.model.SyncPolicy;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed operation retried as a whole, as Argo CD's {@code retry}: backoff on the manual clock,
 * {@code retryCount}, the automated default, the limit, and terminate during the backoff.
 */
class OperationRetryTest {

    private static final RetryPolicy THREE_RETRIES = new RetryPolicy(3, Duration.ofSeconds(5), 2, Duration.ofMinutes(3));

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Application guestbook(AutomatedSync automated, Optional<RetryPolicy> retry) {
        return Application.builder("guestbook").repoURL(fixture.repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(automated)
                .syncPolicy(new SyncPolicy(List.of(), retry, ManagedNamespaceMetadata.NONE)).build();
    }

    private ApplicationStatus status() {
        return fixture.controller.status("guestbook");
    }

    private OperationState operation() {
        return status().operationState().orElseThrow();
    }

    /** The Deployment's applies fail {@code times} times (422: the server refuses it). */
    private void failDeploymentApplies(int times) {
        Fault fault = Fault.failing(422).on(Verb.PATCH).forKind("apps", "Deployment").withMessage("refused by a test");
        fixture.cluster.faults().inject(times < 0 ? fault.always() : fault.times(times));
    }

    private boolean deploymentExists() {
        return fixture.cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").isPresent();
    }

    private long events(ApplicationEvent.Type type) {
        return fixture.eventTypes("guestbook").stream().filter(t -> t == type).count();
    }

    private void advance(long seconds) {
        fixture.clock.advance(Duration.ofSeconds(seconds));
        fixture.run();
    }

    @Test
    void anAutomatedSyncThatFailsTwiceIsRetriedAfterItsBackoffAndThenSucceeds() {
        failDeploymentApplies(2);
        fixture.controller.register(guestbook(AutomatedSync.of(true, true), Optional.of(THREE_RETRIES)));
        fixture.controller.start();
        fixture.run();
        long lsRemotes = fixture.gitRequests("ls-remote");
        long fetches = fixture.gitRequests("fetch");

        assertThat(operation().phase()).as("a failed attempt with retries left stays Running").isEqualTo(OperationPhase.RUNNING);
        assertThat(operation().retryCount()).isEqualTo(1);
        assertThat(operation().finishedAt()).contains(fixture.clock.instant());
        assertThat(operation().message()).contains("refused by a test").matches(".*\\. Retrying attempt #1 at \\d{1,2}:\\d\\d[AP]M\\.");
        assertThat(deploymentExists()).isFalse();
        assertThat(events(ApplicationEvent.Type.SYNC_FAILED)).as("no event until the operation ends").isZero();

        advance(4);
        assertThat(operation().retryCount()).as("the first retry waits backoff.duration").isEqualTo(1);
        advance(1);
        assertThat(operation().retryCount()).isEqualTo(2);
        assertThat(operation().phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(deploymentExists()).isFalse();

        advance(9);
        assertThat(operation().retryCount()).as("the second waits duration * factor").isEqualTo(2);
        assertThat(deploymentExists()).isFalse();
        advance(1);

        assertThat(operation().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(operation().retryCount()).isEqualTo(2);
        assertThat(operation().message()).endsWith(" (retried 2 times).");
        assertThat(operation().startedAt()).as("the operation started with its first attempt")
                .isBefore(operation().finishedAt().orElseThrow().minusSeconds(14));
        assertThat(deploymentExists()).isTrue();
        assertThat(status().history()).hasSize(1);
        assertThat(events(ApplicationEvent.Type.SYNC_STARTED)).isEqualTo(1);
        assertThat(events(ApplicationEvent.Type.SYNC_SUCCEEDED)).isEqualTo(1);
        assertThat(events(ApplicationEvent.Type.SYNC_FAILED)).isZero();
        assertThat(fixture.gitRequests("ls-remote")).as("a retry of the same commit lists nothing").isEqualTo(lsRemotes);
        assertThat(fixture.gitRequests("fetch")).as("and fetches nothing").isEqualTo(fetches);
    }

    @Test
    void afterTheLimitTheOperationStaysFailedAndNothingLoops() {
        failDeploymentApplies(-1);
        fixture.controller.register(guestbook(AutomatedSync.of(true, true),
                Optional.of(new RetryPolicy(2, Duration.ofSeconds(5), 2, Duration.ofMinutes(3)))));
        fixture.controller.start();
        fixture.run();
        advance(5);
        advance(10);

        assertThat(operation().phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(operation().retryCount()).isEqualTo(2);
        assertThat(operation().message()).contains("refused by a test").endsWith(" (retried 2 times).");
        assertThat(events(ApplicationEvent.Type.SYNC_FAILED)).isEqualTo(1);
        ApplicationStatus failed = status();

        for (int round = 0; round < 5; round++) {
            fixture.nextRound();
        }

        assertThat(events(ApplicationEvent.Type.SYNC_STARTED)).as("no new attempt on the revision that failed").isEqualTo(1);
        assertThat(status().operationState()).isEqualTo(failed.operationState());
        assertThat(status().conditions(ConditionType.SYNC_ERROR)).singleElement()
                .satisfies(c -> assertThat(c.message()).startsWith("Failed last sync attempt to"));
        assertThat(fixture.metrics.get("argocd.app.sync").tag("phase", "Failed").counter().count()).isEqualTo(1);
        assertThat(deploymentExists()).isFalse();
    }

    @Test
    void anAutomatedSyncWithoutRetryIsRetriedFiveTimesAsArgoCdDoes() {
        failDeploymentApplies(-1);
        fixture.controller.register(guestbook(AutomatedSync.of(true, true), Optional.empty()));
        fixture.controller.start();
        fixture.run();

        for (int retry = 0; retry < 5; retry++) {
            assertThat(operation().retryCount()).isEqualTo(retry + 1);
            advance(5L << retry);    // 5 s, 10 s, 20 s, 40 s, 80 s
        }

        assertThat(operation().phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(operation().retryCount()).isEqualTo(5);
        assertThat(operation().operation().retry()).isEqualTo(RetryPolicy.limit(5));
        assertThat(events(ApplicationEvent.Type.SYNC_FAILED)).isEqualTo(1);
    }

    @Test
    void anExplicitLimitOfZeroIsNeverRetried() {
        failDeploymentApplies(1);
        fixture.controller.register(guestbook(AutomatedSync.of(true, true), Optional.of(RetryPolicy.NONE)));
        fixture.controller.start();
        fixture.run();

        assertThat(operation().phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(operation().retryCount()).isZero();
        advance(60);
        assertThat(deploymentExists()).isFalse();
    }

    @Test
    void terminateDuringTheBackoffEndsTheOperationAtOnceAndNothingIsRetried() {
        failDeploymentApplies(1);
        fixture.controller.register(guestbook(AutomatedSync.DISABLED, Optional.empty()));
        fixture.controller.start();
        fixture.run();
        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook",
                SyncRequest.builder().retry(THREE_RETRIES).build());
        fixture.run();
        assertThat(operation().phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(operation().retryCount()).isEqualTo(1);
        assertThat(sync).isNotDone();

        assertThat(fixture.controller.terminate("guestbook")).isTrue();
        fixture.run();

        assertThat(sync).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.FAILED
                && s.message().equals("Operation terminated (retried 1 times).") && s.retryCount() == 1);
        assertThat(operation().phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(events(ApplicationEvent.Type.SYNC_FAILED)).isEqualTo(1);

        advance(60);
        assertThat(deploymentExists()).as("the retry the backoff was waiting for never runs").isFalse();
        assertThat(events(ApplicationEvent.Type.SYNC_STARTED)).isEqualTo(1);
    }

    @Test
    void aRetryWaitingWhenTheProcessStopsStillWaitsForItsBackoffAfterARestart() {
        failDeploymentApplies(1);
        Application app = guestbook(AutomatedSync.of(true, true), Optional.of(THREE_RETRIES));
        fixture.controller.register(app);
        fixture.controller.start();
        fixture.run();
        advance(2);
        fixture.controller.close();

        fixture.newController().register(app);
        fixture.controller.start();
        fixture.run();
        assertThat(operation().phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(operation().retryCount()).as("the same retry, not another one").isEqualTo(1);
        assertThat(deploymentExists()).isFalse();

        advance(3);

        assertThat(operation().phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(operation().retryCount()).isEqualTo(1);
        assertThat(deploymentExists()).isTrue();
    }

    @Test
    void aManualSyncWithoutRetryTakesTheApplications() {
        failDeploymentApplies(1);
        fixture.controller.register(guestbook(AutomatedSync.DISABLED, Optional.of(THREE_RETRIES)));
        fixture.controller.start();
        fixture.run();
        CompletableFuture<OperationState> sync = fixture.controller.sync("guestbook", SyncRequest.defaults());
        fixture.run();
        assertThat(operation().operation().retry()).isEqualTo(THREE_RETRIES);

        advance(5);

        assertThat(sync).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.SUCCEEDED && s.retryCount() == 1);
        assertThat(deploymentExists()).isTrue();
    }
}
