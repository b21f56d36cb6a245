package io.gitops4j.k8s.sync.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncStatus;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Custom resources with their definition, CreateNamespace, and pruning with its safety rules. */
public interface PruneAndNamespaceScenarios extends SyncFixture {

    String CRD_AND_WIDGETS = """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: small, namespace: default}
            spec: {size: 1}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: large, namespace: default}
            spec: {size: 9}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets, singular: widget}
              versions: [{name: v1, served: true, storage: true}]
            """;

    String TWO_CONFIG_MAPS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: default}
            data: {color: blue}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: flags, namespace: default, annotations: {%s}}
            data: {beta: "true"}
            """;

    @Test
    default void aCustomResourceDefinitionAndItsResourcesSyncTogetherDefinitionFirst() {
        SyncResult result = engine().sync(compare(CRD_AND_WIDGETS), SyncRequest.defaults());

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).extracting(r -> r.key().kind() + " " + r.key().name())
                .containsExactly("CustomResourceDefinition widgets.example.com", "Widget large", "Widget small");
        assertThat(live("example.com/v1", "Widget", "default", "large").orElseThrow().at("/spec/size").asInt()).isEqualTo(9);
        assertThat(compare(CRD_AND_WIDGETS).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    default void createNamespaceCreatesTheDestinationWithItsManagedMetadataAndKeepsItInStep() {
        String git = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n";
        SyncRequest options = SyncRequest.builder().syncOptions(List.of(SyncOption.CREATE_NAMESPACE.enabled())).build();
        SyncTarget shop = target().toBuilder()
                .managedNamespaceMetadata(new ManagedNamespaceMetadata(Map.of("team", "payments", "tier", "gold"),
                        Map.of("owner", "payments@example.com"))).build();

        SyncResult first = engine().sync(compare(git, shop), options);

        assertThat(first.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(first.resources()).extracting(r -> r.key().kind(), ResourceResult::action).containsExactly(
                tuple("Namespace", ResourceAction.CREATED),
                tuple("ConfigMap", ResourceAction.CREATED));
        assertThat(KubernetesObjects.labels(live("v1", "Namespace", "", "shop").orElseThrow()))
                .containsEntry("team", "payments").containsEntry("tier", "gold");
        assertThat(KubernetesObjects.annotations(live("v1", "Namespace", "", "shop").orElseThrow()))
                .containsEntry("owner", "payments@example.com").doesNotContainKey("gitops4j.io/tracking-id");

        SyncResult unchanged = engine().sync(compare(git, shop), options);
        assertThat(unchanged.resources()).extracting(r -> r.key().kind()).containsExactly("ConfigMap");

        SyncTarget fewerLabels = shop.toBuilder()
                .managedNamespaceMetadata(new ManagedNamespaceMetadata(Map.of("team", "payments"), Map.of())).build();
        engine().sync(compare(git, fewerLabels), options);
        assertThat(KubernetesObjects.labels(live("v1", "Namespace", "", "shop").orElseThrow()))
                .containsEntry("team", "payments").doesNotContainKey("tier");
    }

    @Test
    default void aFileRemovedFromGitIsPrunedOnlyWithPrune() {
        engine().sync(compare(TWO_CONFIG_MAPS.formatted("")), SyncRequest.defaults());
        String withoutFlags = TWO_CONFIG_MAPS.substring(0, TWO_CONFIG_MAPS.indexOf("---"));

        SyncResult withoutPrune = engine().sync(compare(withoutFlags), SyncRequest.defaults());
        assertThat(withoutPrune.resources()).filteredOn(r -> r.action() == ResourceAction.PRUNE_SKIPPED)
                .extracting(ResourceResult::message).containsExactly("ignored (requires pruning)");
        assertThat(live("v1", "ConfigMap", "default", "flags")).isPresent();

        SyncResult pruned = engine().sync(compare(withoutFlags), SyncRequest.defaults().withPrune(true));
        assertThat(pruned.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(pruned.pruned()).containsExactly(new ResourceKey("", "ConfigMap", "default", "flags"));
        assertThat(live("v1", "ConfigMap", "default", "flags")).isEmpty();
    }

    @Test
    default void pruneFalseKeepsTheObjectAndSaysWhy() {
        engine().sync(compare(TWO_CONFIG_MAPS.formatted("argocd.argoproj.io/sync-options: Prune=false")),
                SyncRequest.defaults());
        String withoutFlags = TWO_CONFIG_MAPS.substring(0, TWO_CONFIG_MAPS.indexOf("---"));

        SyncResult result = engine().sync(compare(withoutFlags), SyncRequest.defaults().withPrune(true));

        assertThat(result.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(result.resources()).filteredOn(r -> r.key().name().equals("flags"))
                .extracting(ResourceResult::action, ResourceResult::message)
                .containsExactly(tuple(ResourceAction.PRUNE_SKIPPED,
                        "ignored (no prune: Prune=false)"));
        assertThat(live("v1", "ConfigMap", "default", "flags")).isPresent();
    }

    @Test
    default void aMisspelledPrunePropagationPolicyFailsTheSyncNamingTheAcceptedValues() {
        engine().sync(compare(TWO_CONFIG_MAPS.formatted("argocd.argoproj.io/sync-options: PrunePropagationPolicy=forground")),
                SyncRequest.defaults());
        String withoutFlags = TWO_CONFIG_MAPS.substring(0, TWO_CONFIG_MAPS.indexOf("---"));

        SyncResult result = engine().sync(compare(withoutFlags), SyncRequest.defaults().withPrune(true));

        assertThat(result.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(result.message()).contains("/ConfigMap/default/flags: sync option PrunePropagationPolicy=forground "
                + "is not one of foreground, background, orphan");
        assertThat(live("v1", "ConfigMap", "default", "flags")).as("not deleted some other way").isPresent();
    }

    @Test
    default void prunePropagationPolicyIsReadInAnyCase() {
        engine().sync(compare(TWO_CONFIG_MAPS.formatted("argocd.argoproj.io/sync-options: PrunePropagationPolicy=Background")),
                SyncRequest.defaults());
        String withoutFlags = TWO_CONFIG_MAPS.substring(0, TWO_CONFIG_MAPS.indexOf("---"));

        SyncResult result = engine().sync(compare(withoutFlags), SyncRequest.defaults().withPrune(true));

        assertThat(result.phase()).as(result.message()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(live("v1", "ConfigMap", "default", "flags")).isEmpty();
    }

    @Test
    default void anEmptyRenderPrunesNothingUnlessEmptySyncsAreAllowed() {
        engine().sync(compare(TWO_CONFIG_MAPS.formatted("")), SyncRequest.defaults());

        SyncResult refused = engine().sync(compare(""), SyncRequest.defaults().withPrune(true));

        assertThat(refused.pruned()).isEmpty();
        assertThat(refused.resources()).hasSize(2).extracting(ResourceResult::message)
                .allMatch(m -> m.contains("Git holds no objects") && m.contains("allowEmpty"));
        assertThat(live("v1", "ConfigMap", "default", "settings")).isPresent();

        SyncResult allowed = engine().sync(compare(""), SyncRequest.builder().prune(true).allowEmpty(true).build());
        assertThat(allowed.pruned()).hasSize(2);
    }

    @Test
    default void aRenderOfOnlyHooksPrunesNothingUnlessEmptySyncsAreAllowed() {
        engine().sync(compare(TWO_CONFIG_MAPS.formatted("")), SyncRequest.defaults());
        String onlyAHook = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: marker
                  namespace: default
                  annotations: {argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded}
                data: {done: "yes"}
                """;

        SyncResult refused = engine().sync(compare(onlyAHook), SyncRequest.defaults().withPrune(true));

        assertThat(refused.pruned()).isEmpty();
        assertThat(refused.resources()).filteredOn(r -> r.action() == ResourceAction.PRUNE_SKIPPED).hasSize(2)
                .extracting(ResourceResult::message).allMatch(m -> m.contains("allowEmpty"));
        assertThat(live("v1", "ConfigMap", "default", "settings")).isPresent();
    }

    @Test
    default void applySetTrackingLabelsMembersWritesTheParentAndPrunesBySet() {
        ResourceTracking applySet = ResourceTracking.applySet("default");
        SyncEngine engine = engine();
        SyncTarget target = SyncTarget.builder(APP, "default").tracking(applySet).build();
        Function<String, Comparison> compare = yaml -> compare(yaml, target);

        SyncResult first = engine.sync(compare.apply(TWO_CONFIG_MAPS.formatted("")), SyncRequest.defaults());

        assertThat(first.resources()).extracting(r -> r.key().kind() + " " + r.key().name())
                .containsExactly("Secret shop", "ConfigMap flags", "ConfigMap settings");
        var parent = live("v1", "Secret", "default", "shop").orElseThrow();
        String id = KubernetesObjects.labels(parent).get("applyset.kubernetes.io/id");
        assertThat(KubernetesObjects.annotations(parent)).containsEntry("applyset.kubernetes.io/contains-group-kinds", "ConfigMap");
        assertThat(KubernetesObjects.labels(live("v1", "ConfigMap", "default", "flags").orElseThrow()))
                .containsEntry("applyset.kubernetes.io/part-of", id);

        String withoutFlags = TWO_CONFIG_MAPS.substring(0, TWO_CONFIG_MAPS.indexOf("---"));
        SyncResult pruned = engine.sync(compare.apply(withoutFlags), SyncRequest.defaults().withPrune(true));

        assertThat(pruned.pruned()).containsExactly(new ResourceKey("", "ConfigMap", "default", "flags"));
        assertThat(pruned.resources()).extracting(r -> r.key().kind()).doesNotContain("Secret");
        assertThat(live("v1", "Secret", "default", "shop")).as("the parent is not a member: never pruned").isPresent();
    }

    @Test
    default void pruneLastPrunesAfterTheLastWaveAndPruneWavesRunInReverse() {
        String threeWaves = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: first, namespace: default, annotations: {argocd.argoproj.io/sync-wave: "1"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: second, namespace: default, annotations: {argocd.argoproj.io/sync-wave: "2"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: kept, namespace: default, annotations: {argocd.argoproj.io/sync-wave: "5"}}
                """;
        engine().sync(compare(threeWaves), SyncRequest.defaults());
        String onlyKept = threeWaves.substring(threeWaves.lastIndexOf("---") + 4);

        SyncResult reversed = planOnly(compare(onlyKept), SyncRequest.defaults().withPrune(true), false);
        SyncResult plan = planOnly(compare(onlyKept), SyncRequest.defaults().withPrune(true), true);
        assertThat(reversed.resources()).isEmpty();
        assertThat(plan.resources()).extracting(r -> r.key().name(), ResourceResult::wave).containsExactly(
                tuple("second", 1), tuple("first", 2),
                tuple("kept", 5));

        engine().sync(compare(threeWaves), SyncRequest.defaults());
        SyncResult last = planOnly(compare(onlyKept), SyncRequest.defaults().withPrune(true).toBuilder()
                .syncOptions(List.of(SyncOption.PRUNE_LAST.enabled())).build(), true);
        assertThat(last.resources()).extracting(r -> r.key().name(), ResourceResult::wave).containsExactly(
                tuple("kept", 5), tuple("first", 6),
                tuple("second", 6));
    }

    /**
     * The operation before its first step, or after it (the plan); then terminated, so its lock is
     * released for the next sync of the application.
     */
    private SyncResult planOnly(Comparison comparison, SyncRequest options, boolean step) {
        SyncOperation operation = engine().start(comparison, options);
        SyncResult result = step ? operation.step() : operation.result();
        operation.terminate();
        operation.step();
        return result;
    }
}
