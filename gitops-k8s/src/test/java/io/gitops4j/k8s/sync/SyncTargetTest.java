package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.k8s.tracking.TrackingId;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * One {@link SyncTarget} per application, set once: the desired state marks with its tracking,
 * the comparison finds live objects with it and predicts its field manager's applies, and the
 * sync names hooks, applies and prunes with the very same, because the comparison carries it.
 */
class SyncTargetTest {

    private static final String SETTINGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {color: blue}
            """;
    private static final String FLAGS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: flags}
            data: {beta: "true"}
            """;
    private static final String HOOK = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              generateName: announce-
              annotations: {argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: HookFailed}
            data: {text: deployed}
            """;
    private static final String LABEL = "app.kubernetes.io/instance";
    private static final Instant START = Instant.parse("2026-11-22T09:30:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final FakeCluster cluster = FakeCluster.builder().clock(clock).build();
    private final SyncEngine engine = SyncEngine.builder().cluster(cluster).clock(clock).pacer(next -> {
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
        cluster.controllers().tick();
    }).build();
    private final StateComparer comparer = new StateComparer(cluster, ResourceDiffer.defaults());

    @Test
    void labelTrackingSetOnceOnTheTargetIsWhatTheDesiredStateTheComparisonAndThePruneUse() {
        SyncTarget target = SyncTarget.builder("shop", "default").tracking(ResourceTracking.label())
                .revision("0123456789abcdef").build();

        DesiredState desired = DesiredState.prepare(read(SETTINGS, FLAGS, HOOK), target, cluster);
        assertThat(desired.target()).isSameAs(target);
        assertThat(desired.objects()).filteredOn(o -> !KubernetesObjects.name(o).isEmpty())
                .allSatisfy(o -> assertThat(KubernetesObjects.labels(o)).containsEntry(LABEL, "shop"))
                .allSatisfy(o -> assertThat(KubernetesObjects.annotations(o)).doesNotContainKey(TrackingId.ANNOTATION));

        Comparison first = comparer.compare(desired);
        assertThat(first.target()).isSameAs(target);
        SyncResult created = engine.sync(first, SyncRequest.defaults());
        assertThat(created.succeeded()).as(created.message()).isTrue();
        String hook = "announce-0123456-postsync-" + START.getEpochSecond();
        assertThat(created.hooks()).extracting(r -> r.key().name()).containsExactly(hook);
        assertThat(List.of("settings", "flags", hook)).allSatisfy(name -> {
            ObjectNode live = cluster.get("v1", "ConfigMap", "default", name).orElseThrow();
            assertThat(KubernetesObjects.labels(live)).as(name).containsEntry(LABEL, "shop");
            assertThat(KubernetesObjects.annotations(live)).as(name).doesNotContainKey(TrackingId.ANNOTATION);
        });

        Comparison withoutFlags = comparer.compare(DesiredState.prepare(read(SETTINGS, HOOK), target, cluster));
        assertThat(withoutFlags.resources()).filteredOn(r -> r.status() == SyncStatus.EXTRANEOUS)
                .extracting(ResourceState::key).containsExactly(new ResourceKey("", "ConfigMap", "default", "flags"));

        SyncResult pruned = engine.sync(withoutFlags, SyncRequest.defaults().withPrune(true));

        assertThat(pruned.succeeded()).as(pruned.message()).isTrue();
        assertThat(pruned.pruned()).containsExactly(new ResourceKey("", "ConfigMap", "default", "flags"));
        assertThat(cluster.get("v1", "ConfigMap", "default", "flags")).isEmpty();
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings")).isPresent();
    }

    @Test
    void theTargetsFieldManagerIsWhatTheSyncAppliesAsAndWhatTheComparisonPredicts() {
        SyncTarget target = SyncTarget.builder("shop", "default").fieldManager("argocd-controller").build();
        String twoKeys = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue, size: big}\n";

        SyncResult result = engine.sync(comparer.compare(DesiredState.prepare(read(twoKeys), target, cluster)),
                SyncRequest.defaults());

        assertThat(result.succeeded()).as(result.message()).isTrue();
        JsonNode managedFields = cluster.get("v1", "ConfigMap", "default", "settings").orElseThrow()
                .at("/metadata/managedFields");
        assertThat(StreamSupport.stream(managedFields.spliterator(), false).map(m -> m.path("manager").asText()))
                .contains("argocd-controller").doesNotContain(ResourceDiffer.DEFAULT_FIELD_MANAGER);

        Comparison sizeDropped = comparer.compare(DesiredState.prepare(read(SETTINGS), target, cluster));
        assertThat(sizeDropped.status()).as("the comparer's differ has the default manager; the target's, which "
                + "owns data.size, is the one whose apply is predicted: it removes the key").isEqualTo(SyncStatus.OUT_OF_SYNC);
        engine.sync(sizeDropped, SyncRequest.defaults());
        assertThat(cluster.get("v1", "ConfigMap", "default", "settings").orElseThrow().path("data").has("size")).isFalse();
    }

    @Test
    void aTargetNeedsAnApplicationNameAndAFieldManager() {
        assertThatThrownBy(() -> SyncTarget.builder(" ", "shop").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sync target needs an application name");
        assertThatThrownBy(() -> SyncTarget.builder("shop", "shop").fieldManager("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a field manager needs a name");
        assertThat(SyncTarget.builder("shop", "shop").build()).isEqualTo(new SyncTarget("shop", "shop",
                ResourceTracking.annotation(), ResourceDiffer.DEFAULT_FIELD_MANAGER, ManagedNamespaceMetadata.NONE, ""));
    }

    private static List<ObjectNode> read(String... documents) {
        return Yaml.readDocuments(String.join("---\n", documents), "git").stream().map(YamlDocument::body).toList();
    }
}
