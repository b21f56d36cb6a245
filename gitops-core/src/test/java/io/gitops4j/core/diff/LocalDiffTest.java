package io.gitops4j.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalDiffTest {

    /** As a chart renders them: no namespace anywhere; a cluster-scoped role and a cluster-scoped custom kind. */
    private static final String RENDERED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {app: web}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.27"}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web}
            data: {greeting: hello}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: web-reader}
            rules: [{apiGroups: [""], resources: [nodes], verbs: [get]}]
            """;

    private final FakeCluster cluster = new FakeCluster();

    @Test
    void objectsWithoutANamespaceGetTheDestinationAndClusterScopedOnesStayWithout() {
        syncedAs("shop", "shop");

        LocalDiffResult result = LocalDiff.builder().namespace("shop").app("shop").build().against(cluster, rendered());

        assertThat(result.modified()).as(statuses(result).toString()).isFalse();
        assertThat(statuses(result)).containsExactly("apps/Deployment/shop/web Synced", "/ConfigMap/shop/web Synced",
                "rbac.authorization.k8s.io/ClusterRole//web-reader Synced");
    }

    @Test
    void theWrongDestinationShowsEveryNamespacedObjectMissingAndTheLiveOnesExtraneous() {
        syncedAs("shop", "shop");

        LocalDiffResult result = LocalDiff.builder().app("shop").build().against(cluster, rendered());

        assertThat(result.modified()).isTrue();
        assertThat(statuses(result)).containsExactly("apps/Deployment/default/web Missing",
                "/ConfigMap/default/web Missing", "rbac.authorization.k8s.io/ClusterRole//web-reader Synced",
                "/ConfigMap/shop/web Extraneous", "apps/Deployment/shop/web Extraneous");
    }

    @Test
    void withoutAnApplicationOnlyTheManifestsObjectsAreComparedAndNothingIsMarked() {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: tools}\n");
        for (ObjectNode object : rendered()) {
            ObjectNode placed = object.path("kind").asText().startsWith("Cluster") ? object
                    : KubernetesObjects.withNamespace(object, "tools");
            cluster.apply(placed, WriteOptions.fieldManager("kubectl"));
        }
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: tools}\n");
        LocalDiff diff = LocalDiff.builder().namespace("tools")
                .differ(ResourceDiffer.builder().fieldManager("kubectl").build()).build();

        LocalDiffResult result = diff.against(cluster, rendered());

        assertThat(statuses(result)).containsExactly("apps/Deployment/tools/web Synced", "/ConfigMap/tools/web Synced",
                "rbac.authorization.k8s.io/ClusterRole//web-reader Synced");
        assertThat(result.modified()).isFalse();
    }

    @Test
    void liveObjectsReadYourselfPairUpOnceTheDestinationIsGiven() {
        List<ObjectNode> live = syncedAs("shop", "shop");
        ObjectNode widget = (ObjectNode) Yaml.readDocuments("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: global}
                spec: {size: 3}
                """, "widget").get(0).body();
        List<ObjectNode> manifests = new ArrayList<>(rendered());
        manifests.add(widget);
        List<ObjectNode> liveWithWidget = new ArrayList<>(live);
        liveWithWidget.add(ResourceTracking.annotation().mark(widget, "shop"));

        LocalDiffResult placed = LocalDiff.builder().namespace("shop").app("shop").build().against(liveWithWidget, manifests);
        LocalDiffResult unplaced = LocalDiff.builder().app("shop").build().against(liveWithWidget, manifests);

        assertThat(statuses(placed)).as("the live Widget has no namespace: a cluster-scoped kind")
                .containsExactly("apps/Deployment/shop/web Synced", "/ConfigMap/shop/web Synced",
                        "rbac.authorization.k8s.io/ClusterRole//web-reader Synced", "example.com/Widget//global Synced");
        assertThat(statuses(unplaced)).contains("apps/Deployment//web Missing", "apps/Deployment/shop/web Extraneous");
        assertThat(unplaced.modified()).isTrue();
    }

    @Test
    void objectsWithoutANameAreRefusedWithAMessage() {
        ObjectNode nameless = (ObjectNode) Yaml.readDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", "x")
                .get(0).body();
        assertThatThrownBy(() -> LocalDiff.builder().build().against(List.of(), List.of(nameless)))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("has no kind or metadata.name");
    }

    /** Applies the manifests as a sync of {@code app} into {@code namespace} would; returns the live objects. */
    private List<ObjectNode> syncedAs(String app, String namespace) {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + namespace + "}\n");
        List<ObjectNode> live = new ArrayList<>();
        for (ObjectNode object : rendered()) {
            ObjectNode placed = object.path("kind").asText().startsWith("Cluster") ? object
                    : KubernetesObjects.withNamespace(object, namespace);
            live.add(cluster.apply(ResourceTracking.annotation().mark(placed, app), WriteOptions.fieldManager("gitops4j")));
        }
        return live;
    }

    private static List<ObjectNode> rendered() {
        return Yaml.readDocuments(RENDERED, "rendered.yaml").stream().map(d -> (ObjectNode) d.body()).toList();
    }

    private static List<String> statuses(LocalDiffResult result) {
        return result.resources().stream().map(LocalDiffTest::line).toList();
    }

    private static String line(ResourceState state) {
        return state.key() + " " + state.status().displayName();
    }
}
