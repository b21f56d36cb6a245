package io.gitops4j.k8s.sync.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Waves that never become healthy, transient failures retried, invalid objects failing fast. */
public interface FailureScenarios extends SyncFixture {

    String APP_WITH_SERVICE = WaveAndHookScenarios.NAMESPACE
            + WaveAndHookScenarios.deployment("api", "%s", "argocd.argoproj.io/sync-wave: '0'") + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, annotations: {argocd.argoproj.io/sync-wave: '1'}}
            spec:
              selector: {app: api}
              ports: [{port: 80}]
            """;

    @Test
    default void aWaveThatNeverBecomesHealthyTimesOutAndRunsTheSyncFailHooks() {
        fake().controllers().failImagePull("api:broken");
        String git = APP_WITH_SERVICE.formatted("api:broken")
                + WaveAndHookScenarios.job("page-oncall", "notify:1", "argocd.argoproj.io/hook: SyncFail");

        SyncResult result = engine().sync(compare(git), SyncRequest.builder().waveTimeout(Duration.ofMinutes(1)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).contains("apps/Deployment/shop/api: timed out after 1m waiting for a healthy state");
        assertThat(result.resources()).filteredOn(r -> r.key().name().equals("page-oncall"))
                .extracting(ResourceResult::status).containsExactly(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).filteredOn(r -> r.key().kind().equals("Service"))
                .extracting(ResourceResult::action).containsExactly(ResourceAction.NOT_RUN);
        assertThat(live("v1", "Service", "shop", "api")).isEmpty();
        assertThat(result.finishedAt().orElseThrow()).isBetween(START.plus(Duration.ofMinutes(1)),
                START.plus(Duration.ofMinutes(3)));
    }

    @Test
    default void aHookStillRunningWhenTheSyncFailsLosesItsHookFinalizer() {
        fake().controllers().failImagePull("warmup:missing");
        // Objects in a namespace the sync creates are not dry run: the bad name fails at the real apply,
        // in the same wave as the hook, which is running by then.
        String git = WaveAndHookScenarios.NAMESPACE
                + WaveAndHookScenarios.job("warmup", "warmup:missing", "argocd.argoproj.io/hook: Sync")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n";

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).contains("/ConfigMap/shop/Bad_Name");
        assertThat(live("batch/v1", "Job", "shop", "warmup")).as("the hook still runs").isPresent().get()
                .satisfies(job -> assertThat(job.path("metadata").path("finalizers").toString())
                        .as("nothing of ours keeps it from being deleted").doesNotContain(Hooks.HOOK_FINALIZER));
    }

    @Test
    default void aConflictIsRetriedWithBackoffAndTheSyncSucceeds() {
        fake().faults().inject(Fault.failing(409).on(Verb.PATCH).forKind("apps", "Deployment"));
        String git = APP_WITH_SERVICE.formatted("api:1");

        SyncResult result = engine().sync(compare(git), SyncRequest.builder().retry(RetryPolicy.limit(2)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.retries()).isEqualTo(1);
        assertThat(live("apps/v1", "Deployment", "shop", "api")).isPresent();
    }

    @Test
    default void aThrottledRequestWaitsAsLongAsRetryAfterSays() {
        fake().faults().inject(Fault.failing(429).on(Verb.PATCH).forKind("", "Service").retryAfter(Duration.ofSeconds(30)));
        String git = "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: default}\n"
                + "spec: {selector: {app: api}, ports: [{port: 80}]}\n";
        var sync = engine().start(compare(git), SyncRequest.builder().retry(RetryPolicy.limit(3)).build());

        SyncResult throttled = sync.step();

        assertThat(throttled.phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(throttled.message()).startsWith("retrying in 30s (retry 1 of 3)");
        assertThat(sync.nextStepAt()).isEqualTo(START.plusSeconds(30));
        assertThat(sync.step().phase()).as("not due yet").isEqualTo(OperationPhase.RUNNING);
        clock().set(START.plusSeconds(30));
        assertThat(sync.step().phase()).isEqualTo(OperationPhase.SUCCEEDED);
    }

    @Test
    default void anInvalidObjectFailsFastNamingItAndNothingIsApplied() {
        fake().faults().inject(Fault.failing(422).always().on(Verb.PATCH).forKind("apps", "Deployment")
                .withMessage("Deployment.apps \"api\" is invalid: spec.template.spec.containers[0].image: Required value"));
        String git = APP_WITH_SERVICE.formatted("api:1").replace("sync-wave: '1'", "sync-wave: '0'");
        fake().createFromYaml(WaveAndHookScenarios.NAMESPACE);
        Instant before = clock().instant();

        SyncResult result = engine().sync(compare(git), SyncRequest.builder().retry(RetryPolicy.limit(5)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.retries()).isZero();
        assertThat(result.message()).startsWith("one or more objects failed to apply (dry run): apps/Deployment/shop/api: ")
                .contains("spec.template.spec.containers[0].image: Required value");
        assertThat(live("v1", "Service", "shop", "api")).as("nothing is applied after a failed dry run").isEmpty();
        assertThat(clock().instant()).isEqualTo(before);
    }

    @Test
    default void afterAFailedDryRunTheTasksThatNeverRanShowAsPendingNotRunning() {
        fake().faults().inject(Fault.failing(422).always().on(Verb.PATCH).forKind("apps", "Deployment")
                .withMessage("Deployment.apps \"api\" is invalid: spec.replicas: Invalid value"));
        fake().createFromYaml(WaveAndHookScenarios.NAMESPACE);

        SyncResult result = engine().sync(compare(APP_WITH_SERVICE.formatted("api:1")), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.resources()).filteredOn(r -> r.key().kind().equals("Service"))
                .extracting(ResourceResult::action, ResourceResult::status, ResourceResult::message)
                .containsExactly(tuple(ResourceAction.NOT_RUN, OperationPhase.PENDING,
                        "not run"));
        assertThat(result.resources()).filteredOn(r -> r.key().kind().equals("Deployment"))
                .extracting(ResourceResult::status).containsExactly(OperationPhase.FAILED);
        assertThat(result.resources()).extracting(ResourceResult::status).doesNotContain(OperationPhase.RUNNING);
    }

    @Test
    default void aDryRunRetriedAfterATransientFailureStartsCleanAndAppliesEachObjectOnce() {
        fake().faults().inject(Fault.failing(503).on(Verb.PATCH).forKind("", "Service"));
        fake().createFromYaml(WaveAndHookScenarios.NAMESPACE);
        var sync = engine().start(compare(APP_WITH_SERVICE.formatted("api:1")),
                SyncRequest.builder().retry(RetryPolicy.limit(2)).build());

        SyncResult waiting = sync.step();

        assertThat(waiting.message()).startsWith("retrying in 5s (retry 1 of 2)");
        assertThat(waiting.resources()).as("the dry run failed: nothing ran, nothing is left failed")
                .extracting(ResourceResult::action, ResourceResult::status)
                .containsOnly(tuple(ResourceAction.NOT_RUN, OperationPhase.PENDING));
        assertThat(live("apps/v1", "Deployment", "shop", "api")).isEmpty();

        SyncResult result = sync.run(pacer());

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.retries()).isEqualTo(1);
        assertThat(result.resources()).filteredOn(r -> !r.key().kind().equals("Namespace"))
                .extracting(r -> r.key().kind(), ResourceResult::action, ResourceResult::status).containsExactly(
                        tuple("Deployment", ResourceAction.CREATED, OperationPhase.SUCCEEDED),
                        tuple("Service", ResourceAction.CREATED, OperationPhase.SUCCEEDED));
        assertThat(live("apps/v1", "Deployment", "shop", "api").orElseThrow().at("/metadata/generation").asInt())
                .as("applied once").isEqualTo(1);
    }

    @Test
    default void afterAFailedSingleWaveSyncNothingIsRunningAndAHookStillRunningIsUnknown() {
        fake().controllers().failImagePull("warmup:missing");
        // Objects in a namespace the sync creates are not dry run: the bad name fails at the real
        // apply, beside a ConfigMap that is applied and a hook that is still running.
        String git = WaveAndHookScenarios.NAMESPACE
                + WaveAndHookScenarios.job("warmup", "warmup:missing", "argocd.argoproj.io/hook: Sync")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n";

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.resources()).extracting(ResourceResult::status).doesNotContain(OperationPhase.RUNNING);
        assertThat(result.resources()).filteredOn(r -> r.key().name().equals("settings"))
                .extracting(ResourceResult::action, ResourceResult::status)
                .containsExactly(tuple(ResourceAction.CREATED, OperationPhase.SUCCEEDED));
        assertThat(result.hooks()).singleElement().satisfies(hook -> {
            assertThat(hook.action()).isEqualTo(ResourceAction.CREATED);
            assertThat(hook.status()).isEqualTo(OperationPhase.UNKNOWN);
            assertThat(hook.message()).endsWith("still running when the sync failed, and no longer watched");
        });
    }

    @Test
    default void afterAFailedWaveOfAMultiWaveSyncAResourceNotHealthyYetIsUnknownAndLaterWavesPending() {
        String git = WaveAndHookScenarios.NAMESPACE
                + WaveAndHookScenarios.deployment("api", "api:1", "argocd.argoproj.io/sync-wave: '0'")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n"
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: later, annotations: {argocd.argoproj.io/sync-wave: '1'}}\n";

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.resources()).extracting(r -> r.key().name(), ResourceResult::action, ResourceResult::status)
                .contains(tuple("api", ResourceAction.CREATED, OperationPhase.UNKNOWN),
                        tuple("settings", ResourceAction.CREATED, OperationPhase.SUCCEEDED),
                        tuple("later", ResourceAction.NOT_RUN, OperationPhase.PENDING));
        assertThat(result.resources()).filteredOn(r -> r.key().name().equals("api")).singleElement()
                .extracting(ResourceResult::message).asString().endsWith("not healthy yet when the sync failed");
    }

    @Test
    default void aTerminatedSyncLeavesNoTaskRunning() {
        String git = WaveAndHookScenarios.NAMESPACE
                + WaveAndHookScenarios.deployment("api", "api:1", "argocd.argoproj.io/sync-wave: '0'")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: later, annotations: {argocd.argoproj.io/sync-wave: '1'}}\n";
        var sync = engine().start(compare(git), SyncRequest.defaults());
        while (!sync.step().message().startsWith("waiting for healthy state of apps/Deployment/shop/api")) {
            clock().set(sync.nextStepAt());
        }

        sync.terminate();
        SyncResult result = sync.step();

        assertThat(result.message()).isEqualTo("Operation terminated");
        assertThat(result.resources()).extracting(r -> r.key().name(), ResourceResult::status).containsExactly(
                tuple("shop", OperationPhase.SUCCEEDED),
                tuple("api", OperationPhase.UNKNOWN),
                tuple("later", OperationPhase.PENDING));
        assertThat(result.resources().get(1).message()).endsWith("not healthy yet when the sync was terminated");
    }
}
