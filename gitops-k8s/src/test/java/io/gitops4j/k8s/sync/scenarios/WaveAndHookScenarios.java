package io.gitops4j.k8s.sync.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sync waves and hooks, shaped like Argo CD's example repositories (sync-waves, pre-post-sync). */
public interface WaveAndHookScenarios extends SyncFixture {

    String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """;

    /** A Job; {@code annotations} is a flow map's content. */
    static String job(String name, String image, String annotations) {
        return """
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s, annotations: {%s}}
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: "%s"}]
                """.formatted(name, annotations, image);
    }

    static String deployment(String name, String image, String annotations) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, annotations: {%s}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers: [{name: main, image: "%s"}]
                """.formatted(name, annotations, name, name, image);
    }

    @Test
    default void aWaveStartsOnlyOnceThePreviousWaveIsHealthy() {
        String git = NAMESPACE + job("migrate", "migrate:1", "argocd.argoproj.io/sync-wave: '0'")
                + deployment("api", "api:1", "argocd.argoproj.io/sync-wave: '1'")
                + deployment("web", "web:1", "argocd.argoproj.io/sync-wave: '1'");
        SyncOperation sync = engine().start(compare(git), SyncRequest.defaults());

        SyncResult first = sync.step();
        assertThat(first.phase()).isEqualTo(OperationPhase.RUNNING);
        assertThat(live("batch/v1", "Job", "shop", "migrate")).isPresent();
        assertThat(live("apps/v1", "Deployment", "shop", "api")).as("wave 1 waits for wave 0").isEmpty();

        SyncResult waiting = sync.step();
        assertThat(waiting.message()).isEqualTo("waiting for healthy state of batch/Job/shop/migrate");

        fake().controllers().settle();
        SyncResult done = sync.step();

        assertThat(done.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(live("apps/v1", "Deployment", "shop", "api")).isPresent();
        assertThat(live("apps/v1", "Deployment", "shop", "web")).isPresent();
        assertThat(done.resources()).extracting(ResourceResult::wave, r -> r.key().name())
                .containsExactly(tuple(0, "shop"), tuple(0, "migrate"),
                        tuple(1, "api"), tuple(1, "web"));
        assertThat(done.resources()).extracting(ResourceResult::status).containsOnly(OperationPhase.SUCCEEDED);
    }

    @Test
    default void preSyncAndPostSyncHooksRunAroundTheResourcesAndFollowTheirDeletePolicies() {
        String git = NAMESPACE
                + job("schema", "migrate:1", "argocd.argoproj.io/hook: PreSync, "
                        + "argocd.argoproj.io/hook-delete-policy: HookSucceeded")
                + job("smoke-test", "test:1", "argocd.argoproj.io/hook: PostSync")
                + job("notify-failure", "notify:1", "argocd.argoproj.io/hook: PostSync, "
                        + "argocd.argoproj.io/hook-delete-policy: HookFailed")
                + deployment("api", "api:1", "");

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(r -> r.key().name(), ResourceResult::phase).containsExactly(
                tuple("shop", SyncPhase.PRE_SYNC),
                tuple("schema", SyncPhase.PRE_SYNC),
                tuple("api", SyncPhase.SYNC),
                tuple("notify-failure", SyncPhase.POST_SYNC),
                tuple("smoke-test", SyncPhase.POST_SYNC));
        assertThat(result.hooks()).extracting(ResourceResult::status).containsOnly(OperationPhase.SUCCEEDED);
        assertThat(result.hooks()).extracting(ResourceResult::hook)
                .containsExactly(Optional.of(HookType.PRE_SYNC), Optional.of(HookType.POST_SYNC), Optional.of(HookType.POST_SYNC));
        assertThat(live("batch/v1", "Job", "shop", "schema")).as("HookSucceeded: deleted after success").isEmpty();
        assertThat(live("batch/v1", "Job", "shop", "notify-failure")).as("HookFailed: kept after success").isPresent();
        String firstRun = live("batch/v1", "Job", "shop", "smoke-test").orElseThrow().at("/metadata/uid").asText();
        assertThat(live("batch/v1", "Job", "shop", "smoke-test").orElseThrow().at("/metadata/finalizers"))
                .as("the hook finalizer is removed once the hook completed").isEmpty();

        SyncResult again = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(again.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(live("batch/v1", "Job", "shop", "smoke-test").orElseThrow().at("/metadata/uid").asText())
                .as("BeforeHookCreation: the old run is deleted and the hook created again").isNotEqualTo(firstRun);
    }

    @Test
    default void aFailingHookFailsTheSyncRunsSyncFailHooksAndAppliesNothingAfterIt() {
        fake().controllers().failContainers("migrate:broken");
        String git = NAMESPACE
                + job("schema", "migrate:broken", "argocd.argoproj.io/hook: PreSync")
                + job("cleanup", "cleanup:1", "argocd.argoproj.io/hook: PostSync, "
                        + "argocd.argoproj.io/hook-delete-policy: HookFailed")
                + job("page-oncall", "notify:1", "argocd.argoproj.io/hook: SyncFail")
                + deployment("api", "api:1", "");

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).startsWith("one or more synchronization tasks completed unsuccessfully: "
                + "batch/Job/shop/schema: Degraded");
        assertThat(result.failed()).extracting(k -> k.name()).containsExactly("schema");
        assertThat(live("apps/v1", "Deployment", "shop", "api")).as("the Sync phase never ran").isEmpty();
        assertThat(result.resources()).filteredOn(r -> r.key().name().equals("page-oncall"))
                .extracting(ResourceResult::status).containsExactly(OperationPhase.SUCCEEDED);
        assertThat(live("batch/v1", "Job", "shop", "page-oncall")).isPresent();
        assertThat(result.resources()).filteredOn(r -> r.key().name().equals("api"))
                .extracting(ResourceResult::action).containsExactly(ResourceAction.NOT_RUN);
    }

    @Test
    default void hooksWithGenerateNameGetAUniqueNameFromRevisionPhaseAndStartTime() {
        String git = NAMESPACE + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  generateName: announce-
                  annotations: {argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: HookFailed}
                data: {text: deployed}
                """;

        SyncResult result = engine().sync(compare(git, target().toBuilder().revision("0123456789abcdef").build()),
                SyncRequest.defaults());

        String expected = "announce-0123456-postsync-" + START.getEpochSecond();
        assertThat(result.hooks()).extracting(r -> r.key().name()).containsExactly(expected);
        assertThat(live("v1", "ConfigMap", "shop", expected).orElseThrow().at("/metadata/annotations")
                .path("gitops4j.io/tracking-id").asText()).isEqualTo("shop:/ConfigMap:shop/" + expected);
        assertThat(live("v1", "ConfigMap", "shop", expected).orElseThrow().toString()).doesNotContain(Hooks.HOOK_FINALIZER);
    }
}
