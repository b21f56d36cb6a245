package io.gitops4j.k8s.sync.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import io.gitops4j.k8s.sync.ApplyStrategy;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.kube.ServerFields;
import io.gitops4j.kube.Yaml;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How objects are written: server-side and client-side apply, Replace and Force, selective and dry syncs. */
public interface ApplyScenarios extends SyncFixture {

    /** The sync options of an object that must be replaced, and recreated when that is refused. */
    String REPLACE_AND_FORCE = SyncOption.REPLACE.enabled() + "," + SyncOption.FORCE.enabled();

    String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
            %s""";

    /** The env line of {@link #WEB}'s container. */
    static String env(String variables) {
        return "        env: [" + variables + "]\n";
    }

    /** Creates {@link #WEB} as {@code kubectl apply} (client-side) would: the last-applied annotation, its manager. */
    private void kubectlApply(String yaml) {
        ObjectNode object = Yaml.readDocuments(yaml, "kubectl").get(0).body();
        ObjectNode withLastApplied = KubernetesObjects.withAnnotation(object, ServerFields.LAST_APPLIED_ANNOTATION,
                Json.write(object));
        cluster().create(withLastApplied, WriteOptions.fieldManager("kubectl-client-side-apply"));
    }

    @Test
    default void serverSideApplyRemovesAFieldGitDroppedFromAKubectlAppliedObject() {
        kubectlApply(WEB.formatted(env("{name: DEBUG, value: 'true'}")));
        String git = WEB.formatted("");
        assertThat(compare(git).status()).as("the three-way diff sees the dropped variable").isEqualTo(SyncStatus.OUT_OF_SYNC);

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        ObjectNode web = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        assertThat(web.at("/spec/template/spec/containers/0/env")).as("DEBUG is gone").isEmpty();
        assertThat(KubernetesObjects.annotations(web)).doesNotContainKey(ServerFields.LAST_APPLIED_ANNOTATION);
        assertThat(compare(git).status()).as("no self-heal loop").isEqualTo(SyncStatus.SYNCED);
        assertThat(web.at("/metadata/managedFields").toString()).doesNotContain("kubectl-client-side-apply");
    }

    @Test
    default void clientSideApplyPatchesThreeWayAndKeepsTheLastAppliedConfiguration() {
        kubectlApply(WEB.formatted(env("{name: DEBUG, value: 'true'}")));
        String git = WEB.formatted(env("{name: LOG_LEVEL, value: info}"));
        SyncRequest clientSide = SyncRequest.builder().strategy(ApplyStrategy.CLIENT_SIDE).build();

        SyncResult result = engine().sync(compare(git), clientSide);

        assertThat(result.resources()).extracting(ResourceResult::action).containsExactly(ResourceAction.CONFIGURED);
        ObjectNode web = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        assertThat(web.at("/spec/template/spec/containers/0/env").toString()).contains("LOG_LEVEL").doesNotContain("DEBUG");
        assertThat(ServerFields.lastApplied(web).orElseThrow().toString()).contains("LOG_LEVEL");
        assertThat(compare(git).status()).isEqualTo(SyncStatus.SYNCED);
        assertThat(engine().sync(compare(git), clientSide).resources()).extracting(ResourceResult::action)
                .containsExactly(ResourceAction.UNCHANGED);
    }

    @Test
    default void forceWithReplaceDeletesAndCreatesAgainWhenAnImmutableFieldChanges() {
        engine().sync(compare(WEB.formatted("")), SyncRequest.defaults());
        String uid = live("apps/v1", "Deployment", "default", "web").orElseThrow().at("/metadata/uid").asText();
        String newSelector = WEB.formatted("").replace("app: web}", "app: web, track: stable}")
                .replace("metadata: {name: web, namespace: default}",
                        "metadata: {name: web, namespace: default, annotations: "
                                + "{argocd.argoproj.io/sync-options: 'Replace=true,Force=true'}}");

        SyncResult result = engine().sync(compare(newSelector), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(ResourceResult::message)
                .allMatch(m -> m.startsWith("deleted and created again (Force=true)"));
        ObjectNode web = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        assertThat(web.at("/metadata/uid").asText()).isNotEqualTo(uid);
        assertThat(web.at("/spec/selector/matchLabels/track").asText()).isEqualTo("stable");
    }

    /** {@link #WEB} with a selector the live one cannot change to, and these sync options. */
    private static String webWithNewSelector(String syncOptions) {
        return WEB.formatted("").replace("app: web}", "app: web, track: stable}")
                .replace("metadata: {name: web, namespace: default}", "metadata: {name: web, namespace: default, "
                        + "annotations: {argocd.argoproj.io/sync-options: '" + syncOptions + "'}}");
    }

    /** Adds a finalizer of another controller to the live {@link #WEB}, which keeps it while it is deleted. */
    private void holdWithFinalizer() {
        ObjectNode web = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        web.with("metadata").withArray("finalizers").add("example.com/hold");
        fake().update(web);
    }

    @Test
    default void aSyncTerminatedWhileAForceRecreateWaitsSaysTheObjectWasNotCreatedAgain() {
        engine().sync(compare(WEB.formatted("")), SyncRequest.defaults());
        holdWithFinalizer();
        var sync = engine().start(compare(webWithNewSelector(REPLACE_AND_FORCE)), SyncRequest.defaults());
        sync.step();

        sync.terminate();
        SyncResult result = sync.step();

        assertThat(result.resources()).filteredOn(r -> r.key().kind().equals("Deployment")).singleElement()
                .satisfies(web -> {
                    assertThat(web.status()).isEqualTo(OperationPhase.FAILED);
                    assertThat(web.message()).endsWith("not created again: the sync was terminated first");
                });
    }

    @Test
    default void forceRecreateWaitsForTheOldObjectToBeGoneBeforeCreatingItAgain() {
        engine().sync(compare(WEB.formatted("")), SyncRequest.defaults());
        String uid = live("apps/v1", "Deployment", "default", "web").orElseThrow().at("/metadata/uid").asText();
        holdWithFinalizer();
        var sync = engine().start(compare(webWithNewSelector(REPLACE_AND_FORCE)), SyncRequest.defaults());

        SyncResult waiting = sync.step();

        assertThat(waiting.phase()).as(waiting.message()).isEqualTo(OperationPhase.RUNNING);
        assertThat(waiting.message()).isEqualTo(
                "waiting for deletion (to create it again, Force=true) of apps/Deployment/default/web");
        assertThat(live("apps/v1", "Deployment", "default", "web").orElseThrow().at("/metadata/uid").asText())
                .as("the old object, being deleted").isEqualTo(uid);
        clock().set(sync.nextStepAt());
        assertThat(sync.step().phase()).as("still held by its finalizer").isEqualTo(OperationPhase.RUNNING);

        ObjectNode held = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        ((ObjectNode) held.get("metadata")).remove("finalizers");
        fake().update(held);
        clock().set(sync.nextStepAt());
        SyncResult result = sync.step();

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(ResourceResult::message)
                .allMatch(m -> m.startsWith("deleted and created again (Force=true)"));
        ObjectNode web = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        assertThat(web.at("/metadata/uid").asText()).isNotEqualTo(uid);
        assertThat(web.at("/spec/selector/matchLabels/track").asText()).isEqualTo("stable");
    }

    @Test
    default void forceRecreateOfAnObjectThatIsNeverDeletedFailsAfterTheWaveTimeoutNamingIt() {
        engine().sync(compare(WEB.formatted("")), SyncRequest.defaults());
        holdWithFinalizer();

        SyncResult result = engine().sync(compare(webWithNewSelector(SyncOption.FORCE.enabled())),
                SyncRequest.builder().waveTimeout(Duration.ofMinutes(1)).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).contains("apps/Deployment/default/web: deleted (Force=true) but still there "
                + "after 1m (finalizers: example.com/hold), so it was not created again");
        assertThat(live("apps/v1", "Deployment", "default", "web").orElseThrow().at("/metadata/deletionTimestamp")
                .isMissingNode()).as("still being deleted").isFalse();
    }

    @Test
    default void replaceWritesGitsObjectEvenWhenTheLiveOneChangedAfterTheComparison() {
        engine().sync(compare(WEB.formatted("")), SyncRequest.defaults());
        String replaced = WEB.formatted(env("{name: LOG_LEVEL, value: info}")).replace(
                "metadata: {name: web, namespace: default}",
                "metadata: {name: web, namespace: default, annotations: {argocd.argoproj.io/sync-options: Replace=true}}");
        var comparison = compare(replaced);
        ObjectNode changedMeanwhile = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        changedMeanwhile.with("metadata").with("labels").put("touched", "by-someone");
        cluster().update(changedMeanwhile, WriteOptions.fieldManager("someone"));

        SyncResult result = engine().sync(comparison, SyncRequest.defaults());

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(ResourceResult::message).containsExactly("replaced");
        assertThat(live("apps/v1", "Deployment", "default", "web").orElseThrow()
                .at("/spec/template/spec/containers/0/env/0/name").asText()).isEqualTo("LOG_LEVEL");
    }

    @Test
    default void aKubectlAppliedObjectChangedAfterTheComparisonIsNeverRecreatedByForce() {
        kubectlApply(WEB.formatted(env("{name: DEBUG, value: 'true'}")));
        String git = WEB.formatted("").replace("metadata: {name: web, namespace: default}",
                "metadata: {name: web, namespace: default, annotations: {argocd.argoproj.io/sync-options: Force=true}}");
        var comparison = compare(git);
        String uid = live("apps/v1", "Deployment", "default", "web").orElseThrow().at("/metadata/uid").asText();
        ObjectNode changedMeanwhile = live("apps/v1", "Deployment", "default", "web").orElseThrow();
        changedMeanwhile.with("metadata").with("labels").put("touched", "by-someone");
        cluster().update(changedMeanwhile, WriteOptions.fieldManager("someone"));

        SyncResult result = engine().sync(comparison, SyncRequest.defaults());

        assertThat(live("apps/v1", "Deployment", "default", "web").orElseThrow().at("/metadata/uid").asText())
                .as("the object is the same one: a stale read is a conflict, not an invalid object").isEqualTo(uid);
        assertThat(result.resources()).extracting(ResourceResult::message)
                .noneMatch(m -> m.startsWith("deleted and created again"));
    }

    @Test
    default void withoutForceAnImmutableFieldChangeFailsAndNamesTheField() {
        engine().sync(compare(WEB.formatted("")), SyncRequest.defaults());
        String newSelector = WEB.formatted("").replace("app: web}", "app: web, track: stable}");

        SyncResult result = engine().sync(compare(newSelector), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).startsWith("one or more objects failed to apply (dry run): apps/Deployment/default/web")
                .contains("field is immutable");
    }

    @Test
    default void aSelectiveSyncTouchesOnlyTheNamedResourcesAndRunsNoHooks() {
        String git = WEB.formatted("") + """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: default}
                data: {color: blue}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: hook, namespace: default, annotations: {argocd.argoproj.io/hook: PreSync}}
                """;

        SyncResult result = engine().sync(compare(git), SyncRequest.builder()
                .resources(Set.of(new ResourceKey("", "ConfigMap", "default", "settings"))).build());

        assertThat(result.resources()).extracting(r -> r.key().name()).containsExactly("settings");
        assertThat(live("apps/v1", "Deployment", "default", "web")).isEmpty();
        assertThat(live("v1", "ConfigMap", "default", "hook")).isEmpty();
    }

    @Test
    default void aDryRunReportsWhatWouldChangeAndWritesNothing() {
        String before = fake().resourceVersion();

        SyncResult result = engine().sync(compare(WEB.formatted("")), SyncRequest.builder().dryRun(true).build());

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(ResourceResult::action, ResourceResult::message)
                .containsExactly(tuple(ResourceAction.CREATED, "created (dry run)"));
        assertThat(fake().resourceVersion()).isEqualTo(before);
        assertThat(live("apps/v1", "Deployment", "default", "web")).isEmpty();
    }

    @Test
    default void aSyncOfAnApplicationAlreadyInSyncWritesNothing() {
        String git = WEB.formatted("") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\n";
        engine().sync(compare(git), SyncRequest.defaults().withPrune(true));
        // Only the sync's Lease (its lock) is written: the application's objects are not.
        for (String[] kind : new String[][] {{"apps", "Deployment"}, {"", "ConfigMap"}}) {
            fake().faults().inject(Fault.failing(500).always().on(Verb.CREATE, Verb.UPDATE, Verb.PATCH, Verb.DELETE)
                    .forKind(kind[0], kind[1]).withMessage("a no-op sync must not write"));
        }

        SyncResult result = engine().sync(compare(git), SyncRequest.defaults().withPrune(true));

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(ResourceResult::action).containsOnly(ResourceAction.UNCHANGED);
    }
}
