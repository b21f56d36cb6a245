package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.tracking.TrackingId;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncEngineTest {

    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: %d
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: nginx}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {color: blue}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            """;

    private final FakeCluster cluster = new FakeCluster();
    private final StateComparer comparer = new StateComparer(cluster, ResourceDiffer.defaults());
    private final SyncEngine engine = new SyncEngine(cluster);

    @Test
    void aFirstSyncCreatesEverythingNamespaceFirst() {
        Comparison before = compare(APP.formatted(2));
        assertThat(before.status()).isEqualTo(SyncStatus.OUT_OF_SYNC);
        assertThat(before.resources()).extracting(ResourceState::status).containsOnly(SyncStatus.MISSING);

        SyncResult result = engine.sync(before, SyncRequest.defaults());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.resources()).extracting(r -> r.key().kind())
                .containsExactly("Namespace", "ConfigMap", "Deployment");
        assertThat(result.resources()).extracting(ResourceResult::action).containsOnly(ResourceAction.CREATED);
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow()
                .at("/metadata/annotations").get(TrackingId.ANNOTATION).asText())
                .isEqualTo("guestbook:apps/Deployment:shop/web");
        assertThat(compare(APP.formatted(2)).status()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aChangeInGitIsOutOfSyncAndSyncUpdatesOnlyThatObject() {
        engine.sync(compare(APP.formatted(2)), SyncRequest.defaults());

        Comparison changed = compare(APP.formatted(4));
        assertThat(changed.outOfSync()).extracting(ResourceState::key)
                .containsExactly(new ResourceKey("apps", "Deployment", "shop", "web"));
        SyncResult result = engine.sync(changed, SyncRequest.defaults());

        assertThat(result.applied()).containsExactly(new ResourceKey("apps", "Deployment", "shop", "web"));
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow().at("/spec/replicas").asInt())
                .isEqualTo(4);
    }

    @Test
    void fieldsOtherWritersSetSurviveAnUpdate() {
        engine.sync(compare(APP.formatted(2)), SyncRequest.defaults());
        ObjectNode live = cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow();
        ((ObjectNode) live.get("spec")).put("progressDeadlineSeconds", 600);
        cluster.update(live);

        engine.sync(compare(APP.formatted(3)), SyncRequest.defaults());

        ObjectNode after = cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow();
        assertThat(after.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(after.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    }

    @Test
    void anObjectThatLeftGitIsExtraneousAndPrunedOnlyWhenPruneIsOn() {
        engine.sync(compare(APP.formatted(2)), SyncRequest.defaults());
        String withoutConfigMap = APP.formatted(2).replaceAll("(?s)---\napiVersion: v1\nkind: ConfigMap.*?---\n", "---\n");

        Comparison comparison = compare(withoutConfigMap);
        assertThat(comparison.outOfSync()).extracting(ResourceState::status).containsExactly(SyncStatus.EXTRANEOUS);

        SyncResult withoutPrune = engine.sync(comparison, SyncRequest.defaults());
        assertThat(withoutPrune.resources()).filteredOn(r -> r.action() == ResourceAction.PRUNE_SKIPPED)
                .extracting(ResourceResult::message).containsExactly("ignored (requires pruning)");
        assertThat(cluster.get("v1", "ConfigMap", "shop", "settings")).isPresent();

        SyncResult withPrune = engine.sync(compare(withoutConfigMap), SyncRequest.defaults().withPrune(true));
        assertThat(withPrune.pruned()).containsExactly(new ResourceKey("", "ConfigMap", "shop", "settings"));
        assertThat(cluster.get("v1", "ConfigMap", "shop", "settings")).isEmpty();
    }

    @Test
    void anEmptyDesiredStatePrunesNothingUnlessAllowed() {
        engine.sync(compare(APP.formatted(2)), SyncRequest.defaults());
        int before = cluster.objects().size();

        SyncResult result = engine.sync(compare(""), SyncRequest.builder().prune(true).build());

        assertThat(result.pruned()).isEmpty();
        assertThat(result.resources()).extracting(ResourceResult::message).allMatch(m -> m.contains("allowEmpty"));
        assertThat(cluster.objects()).hasSize(before);

        SyncResult allowed = engine.sync(compare(""), SyncRequest.builder().prune(true).allowEmpty(true).build());
        assertThat(allowed.pruned()).hasSize(3);
    }

    @Test
    void aFailedApplyStopsTheSyncAndPrunesNothing() {
        engine.sync(compare(APP.formatted(2)), SyncRequest.defaults());
        String broken = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                """;

        SyncResult result = engine.sync(compare(broken), SyncRequest.defaults().withPrune(true));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.message()).startsWith("one or more synchronization tasks are not valid: example.com/Widget/shop/w: the cluster has no resource type");
        assertThat(result.pruned()).isEmpty();
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web")).isPresent();
        assertThat(cluster.get("v1", "ConfigMap", "shop", "settings")).isPresent();
    }

    @Test
    void anObjectWithACopiedTrackingIdIsNeverPruned() {
        engine.sync(compare(APP.formatted(2)), SyncRequest.defaults());
        ObjectNode settings = cluster.get("v1", "ConfigMap", "shop", "settings").orElseThrow();
        ObjectNode copy = KubernetesObjects.withAnnotation(Yaml.readDocuments(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: copy, namespace: shop}\n", "copy").get(0).body(),
                TrackingId.ANNOTATION, KubernetesObjects.annotation(settings, TrackingId.ANNOTATION));
        cluster.create(copy);

        SyncResult result = engine.sync(compare(APP.formatted(2)), SyncRequest.defaults().withPrune(true));

        assertThat(result.pruned()).isEmpty();
        assertThat(cluster.get("v1", "ConfigMap", "shop", "copy")).isPresent();
    }

    @Test
    void aCustomResourceIsAppliedAfterItsDefinitionInOneSync() {
        String crdAndWidget = """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec: {size: 3}
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Cluster
                  names: {kind: Widget, plural: widgets}
                  versions: [{name: v1, served: true, storage: true}]
                """;

        SyncResult result = engine.sync(compare(crdAndWidget), SyncRequest.defaults());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.applied()).extracting(ResourceKey::kind).containsExactly("CustomResourceDefinition", "Widget");
        assertThat(cluster.get("example.com/v1", "Widget", "", "w")).as("cluster-scoped, from the CRD in Git").isPresent();
    }

    @Test
    void aResourceTwiceInGitKeepsTheLastWithAWarning() {
        DesiredState desired = DesiredState.prepare(read(APP.formatted(2) + "---\n" + APP.formatted(5)),
                SyncTarget.builder("guestbook", "shop").build(), cluster);

        assertThat(desired.objects()).hasSize(3);
        assertThat(desired.warnings()).contains("resource apps/Deployment/shop/web appears more than once in Git; the last one is used");
        assertThat(desired.objects()).filteredOn(o -> KubernetesObjects.kind(o).equals("Deployment"))
                .extracting(o -> o.at("/spec/replicas").asInt()).containsExactly(5);
    }

    private Comparison compare(String yaml) {
        return comparer.compare(DesiredState.prepare(read(yaml), SyncTarget.builder("guestbook", "shop").build(), cluster));
    }

    private static List<ObjectNode> read(String yaml) {
        return Yaml.readDocuments(yaml, "git").stream().map(YamlDocument::body).toList();
    }
}
