package io.gitops4j.k8s.sync.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.k8s.sync.SyncOptionList;
import io.gitops4j.kube.Yaml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of tasks, as gitops-engine's syncTasks.Sort gives it. */
class TaskOrderTest {

    private static ObjectNode object(String apiVersion, String kind, String namespace, String name, String annotations) {
        return Yaml.readDocuments("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name
                + (namespace.isEmpty() ? "" : ", namespace: " + namespace) + ", annotations: {" + annotations + "}}\n",
                "test").get(0).body();
    }

    private static SyncTask resource(String apiVersion, String kind, String namespace, String name, String annotations) {
        return SyncTask.apply(object(apiVersion, kind, namespace, name, annotations), null, false, SyncOptionList.EMPTY);
    }

    private static List<String> order(List<SyncTask> tasks) {
        List<SyncTask> sorted = new ArrayList<>(tasks);
        TaskOrder.sort(sorted);
        return sorted.stream().map(t -> t.phase().displayName() + "/" + t.wave() + " " + t.kind() + " " + t.key().name())
                .toList();
    }

    @Test
    void phaseThenWaveThenKindThenName() {
        List<SyncTask> tasks = List.of(
                resource("apps/v1", "Deployment", "default", "b", ""),
                resource("apps/v1", "Deployment", "default", "a", ""),
                resource("v1", "ConfigMap", "default", "z", ""),
                resource("example.com/v1", "Widget", "default", "w", ""),
                resource("v1", "Service", "default", "late", "argocd.argoproj.io/sync-wave: '2'"),
                resource("v1", "Secret", "default", "early", "argocd.argoproj.io/sync-wave: '-1'"),
                resource("v1", "Pod", "default", "weighted", "helm.sh/hook-weight: '1'"),
                SyncTask.hook(object("batch/v1", "Job", "default", "post", ""), null, HookType.POST_SYNC, SyncOptionList.EMPTY),
                SyncTask.hook(object("batch/v1", "Job", "default", "pre", ""), null, HookType.PRE_SYNC, SyncOptionList.EMPTY));

        assertThat(order(tasks)).containsExactly("PreSync/0 Job pre", "Sync/-1 Secret early", "Sync/0 ConfigMap z",
                "Sync/0 Deployment a", "Sync/0 Deployment b", "Sync/0 Widget w", "Sync/1 Pod weighted",
                "Sync/2 Service late", "PostSync/0 Job post");
    }

    @Test
    void aNamespaceAndADefinitionMoveAheadOfTheirFirstUserTakingItsPhaseAndWave() {
        List<SyncTask> tasks = List.of(
                resource("v1", "Namespace", "", "shop", "argocd.argoproj.io/sync-wave: '3'"),
                resource("v1", "ConfigMap", "shop", "settings", ""),
                SyncTask.hook(object("batch/v1", "Job", "shop", "migrate", ""), null, HookType.PRE_SYNC, SyncOptionList.EMPTY),
                resource("example.com/v1", "Widget", "default", "w", "argocd.argoproj.io/sync-wave: '-5'"),
                SyncTask.apply(Yaml.readDocuments("""
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        spec: {group: example.com, names: {kind: Widget, plural: widgets}}
                        """, "crd").get(0).body(), null, false, SyncOptionList.EMPTY));

        assertThat(order(tasks)).containsExactly("PreSync/0 Namespace shop", "PreSync/0 Job migrate",
                "Sync/-5 CustomResourceDefinition widgets.example.com", "Sync/-5 Widget w", "Sync/0 ConfigMap settings");
    }
}
