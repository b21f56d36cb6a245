package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.fake.Verb;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.sync.engine.SyncLock;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.k8s.sync.engine.internal.SyncLease;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One sync per application at a time: in process (two threads of one engine) and across
 * processes (two engines sharing one cluster, each with its own identity), through the
 * application's Lease. Threads are interleaved with latches in the pacer, between two steps of
 * the first sync; nothing sleeps, and the clock is a manual one.
 */
class SyncLockTest {

    private static final Instant START = Instant.parse("2026-11-22T09:30:00Z");
    private static final String LEASE = "gitops4j-sync-shop";
    /** Two waves, so a sync stops between them and its pacer runs. */
    private static final String TWO_WAVES = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: first, namespace: default}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: second, namespace: default, annotations: {argocd.argoproj.io/sync-wave: "1"}}
            """;

    /** A Deployment that becomes healthy only when the controllers tick, then a second wave. */
    private static final String SLOW = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: second, namespace: default, annotations: {argocd.argoproj.io/sync-wave: "1"}}
            """;

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster cluster = FakeCluster.builder().clock(clock).build();
    private final ExecutorService threads = Executors.newSingleThreadExecutor(r -> new Thread(r, "first-sync"));

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aSecondSyncInTheSameProcessIsRefusedWhileTheFirstRunsAndBothDoNotClaimTheSameCreations() throws Exception {
        CountDownLatch betweenWaves = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        SyncEngine engine = engine("process-a", next -> {
            betweenWaves.countDown();
            assertThat(goOn.await(30, TimeUnit.SECONDS)).as("the test lets the first sync go on").isTrue();
            moveClockTo(next);
        });
        Future<SyncResult> first = threads.submit(() -> engine.sync(compare(TWO_WAVES), SyncRequest.defaults()));
        assertThat(betweenWaves.await(30, TimeUnit.SECONDS)).as("the first sync reached its second wave").isTrue();

        assertThatThrownBy(() -> engine.sync(compare(TWO_WAVES), SyncRequest.defaults()))
                .isInstanceOf(SyncInProgressException.class)
                .hasMessage("another sync of application shop is running since 2026-11-22T09:30:00Z (started by this "
                        + "process, thread first-sync); wait for it to end");
        assertThatThrownBy(() -> engine.lock("shop", SyncRequest.builder().dryRun(true).build()))
                .as("a dry run of the application waits its turn too").isInstanceOf(SyncInProgressException.class);
        goOn.countDown();

        SyncResult result = first.get(30, TimeUnit.SECONDS);
        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.resources()).extracting(ResourceResult::action).containsOnly(ResourceAction.CREATED);
        assertThat(lease()).as("released at the end").isEmpty();
        SyncResult again = engine.sync(compare(TWO_WAVES), SyncRequest.defaults());
        assertThat(again.resources()).extracting(ResourceResult::action).containsOnly(ResourceAction.UNCHANGED);
    }

    @Test
    void anotherProcessIsRefusedThroughTheLeaseWhichNamesTheHolderAndIsRenewedWhileTheSyncRuns() {
        SyncEngine processA = engine("process-a", this::moveClockTo);
        SyncEngine processB = engine("process-b", this::moveClockTo);
        SyncOperation running = processA.start(compare(SLOW), SyncRequest.defaults());
        running.step();

        ObjectNode lease = lease().orElseThrow();
        assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo("process-a");
        assertThat(lease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(60);
        assertThat(lease.at("/spec/acquireTime").asText()).isEqualTo("2026-11-22T09:30:00.000000Z");
        assertThat(lease.at("/metadata/annotations/gitops4j.io~1sync-of").asText()).isEqualTo("shop");
        assertThatThrownBy(() -> processB.sync(compare(TWO_WAVES), SyncRequest.defaults()))
                .isInstanceOf(SyncInProgressException.class)
                .hasMessage("another sync of application shop is running since 2026-11-22T09:30:00Z (started by "
                        + "process-a); its lease default/gitops4j-sync-shop runs until 2026-11-22T09:31:00Z unless "
                        + "renewed: wait for that sync to end (if its process is gone, the lease expires then)");

        clock.advance(Duration.ofSeconds(45));
        running.step();
        assertThat(lease().orElseThrow().at("/spec/renewTime").asText()).isEqualTo("2026-11-22T09:30:45.000000Z");
        clock.advance(Duration.ofSeconds(45));
        assertThatThrownBy(() -> processB.lock("shop", SyncRequest.defaults()))
                .as("90s after it was taken, the renewed lease still holds")
                .isInstanceOf(SyncInProgressException.class).hasMessageContaining("runs until 2026-11-22T09:31:45Z");

        assertThat(running.run(this::moveClockTo).succeeded()).isTrue();
        assertThat(lease()).isEmpty();
        assertThat(processB.sync(compare(TWO_WAVES), SyncRequest.defaults()).succeeded()).isTrue();
    }

    @Test
    void aRunningOperationStepsAtLeastEveryHalfLeaseSoItsLeaseNeverLapsesWhileItWaits() {
        fake429For("ConfigMap", Duration.ofMinutes(3));
        SyncOperation operation = engine("process-a", this::moveClockTo)
                .start(compare(TWO_WAVES), SyncRequest.builder().retry(RetryPolicy.limit(1)).build());

        assertThat(operation.step().message()).startsWith("retrying in 3m");
        assertThat(operation.nextStepAt()).as("renewal before the retry").isEqualTo(START.plusSeconds(30));
    }

    @Test
    void aLeaseWhoseHolderStoppedRenewingItIsTakenOverAndReleasedAfterTheSync() {
        cluster.createFromYaml(foreignLease("crashed-process", START.minusSeconds(120), 60));

        SyncOperation operation = engine("process-a", this::moveClockTo).start(compare(TWO_WAVES), SyncRequest.defaults());
        ObjectNode taken = lease().orElseThrow();
        SyncResult result = operation.run(this::moveClockTo);

        assertThat(taken.at("/spec/holderIdentity").asText()).isEqualTo("process-a");
        assertThat(taken.at("/spec/leaseTransitions").asInt()).isEqualTo(4);
        assertThat(result.succeeded()).isTrue();
        assertThat(lease()).isEmpty();
    }

    @Test
    void aLeaseStillRenewedByAnotherProcessIsNotTakenOver() {
        cluster.createFromYaml(foreignLease("ci-runner-7", START.minusSeconds(10), 60));

        assertThatThrownBy(() -> engine("process-a", this::moveClockTo).sync(compare(TWO_WAVES), SyncRequest.defaults()))
                .isInstanceOf(SyncInProgressException.class)
                .hasMessageContaining("(started by ci-runner-7)")
                .hasMessageContaining("runs until 2026-11-22T09:30:50Z");
        assertThat(cluster.get("v1", "ConfigMap", "default", "first")).as("nothing synced").isEmpty();
        assertThat(lease().orElseThrow().at("/spec/holderIdentity").asText()).isEqualTo("ci-runner-7");
    }

    @Test
    void theLockIsReleasedAfterAFailedSyncAndAfterAnError() {
        SyncEngine engine = engine("process-a", this::moveClockTo);
        cluster.faults().inject(Fault.failing(422).always().on(Verb.PATCH).forKind("", "ConfigMap"));
        SyncResult failed = engine.sync(compare(TWO_WAVES), SyncRequest.defaults());
        assertThat(failed.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(lease()).isEmpty();

        cluster.faults().clear();
        cluster.faults().inject(Fault.failing(403).always().on(Verb.GET).forKind("", "Namespace"));
        SyncResult error = engine.sync(compare(TWO_WAVES, "shop"), SyncRequest.builder()
                .syncOptions(List.of(SyncOption.CREATE_NAMESPACE.enabled())).build());
        assertThat(error.phase()).isEqualTo(OperationPhase.ERROR);
        assertThat(lease()).isEmpty();

        cluster.faults().clear();
        assertThat(engine.sync(compare(TWO_WAVES), SyncRequest.defaults()).succeeded()).isTrue();
    }

    @Test
    void anAbandonedOperationKeepsOthersOutOnlyUntilItsLeaseExpires() {
        SyncEngine processA = engine("process-a", this::moveClockTo);
        SyncOperation abandoned = processA.start(compare(TWO_WAVES), SyncRequest.defaults());
        abandoned.step();
        SyncEngine processB = engine("process-b", this::moveClockTo);

        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> processB.lock("shop", SyncRequest.defaults())).isInstanceOf(SyncInProgressException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(processB.sync(compare(TWO_WAVES), SyncRequest.defaults()).succeeded()).isTrue();
        try (SyncLock again = processA.lock("shop", SyncRequest.defaults())) {
            assertThat(again.isHeld()).as("in process too, a hold not renewed expires").isTrue();
        }
    }

    @Test
    void anOperationLearnsItsLeaseWasTakenOverAndStops() {
        SyncOperation slow = engine("process-a", this::moveClockTo).start(compare(TWO_WAVES), SyncRequest.defaults());
        slow.step();
        clock.advance(Duration.ofMinutes(2));
        SyncLock other = engine("process-b", this::moveClockTo).lock("shop", SyncRequest.defaults());

        SyncResult stopped = slow.step();

        assertThat(stopped.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(stopped.message()).isEqualTo("Operation terminated: the sync lease default/gitops4j-sync-shop was "
                + "taken over by process-b after it was not renewed in time");
        assertThat(cluster.get("v1", "ConfigMap", "default", "second")).as("the second wave never ran").isEmpty();
        assertThat(lease().orElseThrow().at("/spec/holderIdentity").asText()).as("left to its holder").isEqualTo("process-b");
        other.close();
        assertThat(lease()).isEmpty();
    }

    @Test
    void theLeaseIsNeverAResourceOfTheApplicationNorPruned() {
        SyncEngine engine = engine("process-a", this::moveClockTo);
        engine.sync(compare(TWO_WAVES), SyncRequest.defaults());
        try (SyncLock lock = engine.lock("shop", SyncRequest.defaults())) {
            Comparison comparison = compare("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first, namespace: default}\n");
            assertThat(comparison.resources()).extracting(r -> r.key().kind()).containsOnly("ConfigMap");

            SyncResult pruned = engine.sync(comparison, SyncRequest.defaults().withPrune(true), lock);

            assertThat(pruned.pruned()).extracting(k -> k.name()).containsExactly("second");
            assertThat(pruned.resources()).noneMatch(r -> r.key().kind().equals("Lease"));
        }
        assertThat(lease()).isEmpty();
    }

    @Test
    void aNoOpSyncWritesNothingButItsLease() {
        SyncEngine engine = engine("process-a", this::moveClockTo);
        engine.sync(compare(TWO_WAVES), SyncRequest.defaults());
        String before = cluster.resourceVersion();

        SyncResult again = engine.sync(compare(TWO_WAVES), SyncRequest.defaults());

        assertThat(again.resources()).extracting(ResourceResult::action).containsOnly(ResourceAction.UNCHANGED);
        assertThat(Long.parseLong(cluster.resourceVersion()) - Long.parseLong(before))
                .as("the Lease created, then deleted").isEqualTo(2);
    }

    @Test
    void aDryRunWritesNoLease() {
        SyncEngine engine = engine("process-a", this::moveClockTo);
        String before = cluster.resourceVersion();

        SyncResult result = engine.sync(compare(TWO_WAVES), SyncRequest.builder().dryRun(true).build());

        assertThat(result.succeeded()).isTrue();
        assertThat(cluster.resourceVersion()).isEqualTo(before);
        SyncLock dryRunLock = engine.lock("shop", SyncRequest.builder().dryRun(true).build());
        assertThatThrownBy(() -> engine.start(compare(TWO_WAVES), SyncRequest.defaults(), dryRunLock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no Lease");
    }

    @Test
    void whereRbacForbidsLeasesTheSyncRunsWithAWarningSayingWhatToGrant() {
        cluster.faults().inject(Fault.failing(403).always().forKind("coordination.k8s.io", "Lease")
                .withMessage("leases.coordination.k8s.io is forbidden: User \"ci\" cannot get resource \"leases\""));

        SyncResult result = engine("process-a", this::moveClockTo).sync(compare(TWO_WAVES), SyncRequest.defaults());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("the sync lease default/gitops4j-sync-shop cannot be used (")
                .contains("User \"ci\" cannot get resource \"leases\"")
                .endsWith("grant get, create, update and delete on leases.coordination.k8s.io in namespace default, "
                        + "or choose a lock namespace where they are allowed");
    }

    @Test
    void aLockNamespaceThatDoesNotExistFailsNamingIt() {
        SyncEngine engine = SyncEngine.builder().cluster(cluster).clock(clock).identity("process-a")
                .lockNamespace("gitops").build();

        assertThatThrownBy(() -> engine.lock("shop", SyncRequest.defaults()))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("cannot take the sync lease gitops/gitops4j-sync-shop: ")
                .hasMessageEndingWith("; create namespace gitops or choose another lock namespace");
        assertThat(engine.lock("shop", SyncRequest.builder().dryRun(true).build()).isHeld())
                .as("the failed lock left no hold behind").isTrue();
    }

    @Test
    void leaseNamesAreValidObjectNamesAndDistinctPerApplication() {
        assertThat(SyncLease.nameFor("shop")).isEqualTo("gitops4j-sync-shop");
        assertThat(SyncLease.nameFor("Shop")).matches("gitops4j-sync-shop-[0-9a-f]{10}");
        assertThat(SyncLease.nameFor("team_a/shop")).matches("gitops4j-sync-team-a-shop-[0-9a-f]{10}");
        assertThat(SyncLease.nameFor("Shop")).isNotEqualTo(SyncLease.nameFor("SHOP"));
        assertThat(SyncLease.nameFor("a".repeat(300))).hasSizeLessThanOrEqualTo(253)
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }

    private SyncEngine engine(String identity, StepPacer pacer) {
        return SyncEngine.builder().cluster(cluster).clock(clock).identity(identity).pacer(pacer).build();
    }

    private void moveClockTo(Instant next) {
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
        cluster.controllers().tick();
    }

    private void fake429For(String kind, Duration retryAfter) {
        cluster.faults().inject(Fault.failing(429).on(Verb.PATCH).forKind("", kind).retryAfter(retryAfter));
    }

    private Comparison compare(String yaml) {
        return compare(yaml, "default");
    }

    private Comparison compare(String yaml, String destinationNamespace) {
        List<ObjectNode> objects = Yaml.readDocuments(yaml, "git").stream().map(YamlDocument::body).toList();
        return new StateComparer(cluster, ResourceDiffer.defaults())
                .compare(DesiredState.prepare(objects, SyncTarget.builder("shop", destinationNamespace).build(), cluster));
    }

    private Optional<ObjectNode> lease() {
        return cluster.get("coordination.k8s.io/v1", "Lease", "default", LEASE);
    }

    private static String foreignLease(String holder, Instant renewed, int seconds) {
        return """
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: gitops4j-sync-shop, namespace: default}
                spec:
                  holderIdentity: %s
                  leaseDurationSeconds: %d
                  acquireTime: "2026-11-22T08:00:00.000000Z"
                  renewTime: "%s"
                  leaseTransitions: 3
                """.formatted(holder, seconds, renewed);
    }
}
