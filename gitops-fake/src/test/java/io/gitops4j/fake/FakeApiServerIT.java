package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What is particular to the HTTP form beyond the API-semantics contracts: clients configured only
 * from the kubeconfig, fabric8's own retries, and discovery documents.
 */
class FakeApiServerIT {

    private final FakeCluster cluster = new FakeCluster();
    private final FakeApiServer server = FakeApiServer.start(cluster);
    private final KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.kubeconfig())).build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aClientFromTheKubeconfigWatchesEvenThoughItTriesWebSocketFirst() {
        var executor = Executors.newSingleThreadScheduledExecutor();
        try {
            executor.schedule(() -> cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later}\n"),
                    300, TimeUnit.MILLISECONDS);

            ConfigMap created = client.configMaps().inNamespace("default").withName("later")
                    .waitUntilCondition(cm -> cm != null, 30, TimeUnit.SECONDS);

            assertThat(created.getMetadata().getName()).isEqualTo("later");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void fabric8RetriesAnUnavailableServerAfterItsRetryAfter() {
        cluster.faults().inject(Fault.failing(503).times(2).on(Verb.CREATE).retryAfter(Duration.ofSeconds(1)));

        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("settings").endMetadata().build()).create();

        assertThat(cluster.get("v1", "ConfigMap", "default", "settings")).isPresent();
        assertThat(cluster.faults().pending()).isEmpty();
    }

    @Test
    void aFabric8InformerSeesAdditionsUpdatesAndDeletions() throws Exception {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: before}\ndata: {color: blue}\n");
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default").inform(
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap configMap) {
                        events.add("add " + configMap.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap old, ConfigMap now) {
                        events.add("update " + now.getMetadata().getName() + " " + now.getData().get("color"));
                    }

                    @Override
                    public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
                        events.add("delete " + configMap.getMetadata().getName());
                    }
                }, 0);
        try {
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("add before");
            cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\ndata: {color: blue}\n");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("add after");
            client.configMaps().inNamespace("default").withName("after").edit(cm -> {
                cm.getData().put("color", "red");
                return cm;
            });
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("update after red");
            client.configMaps().inNamespace("default").withName("before").delete();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("delete before");
            assertThat(informer.getStore().list()).extracting(cm -> cm.getMetadata().getName()).containsExactly("after");
        } finally {
            informer.close();
        }
    }

    @Test
    void discoveryListsKindsWithShortNamesAndCrdKindsAsSoonAsTheyExist() throws Exception {
        JsonNode core = get("/api/v1");
        assertThat(core.path("resources").findValues("name").toString()).contains("\"configmaps\"", "\"pods/status\"");
        assertThat(resource(core, "deployments")).isNull();
        assertThat(resource(get("/apis/apps/v1"), "deployments").path("shortNames").toString()).contains("deploy");

        cluster.createFromYaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - {name: v1beta1, served: true, storage: false}
                  - {name: v1, served: true, storage: true}
                """);

        JsonNode group = get("/apis/example.com");
        assertThat(group.at("/preferredVersion/version").asText()).isEqualTo("v1");
        assertThat(resource(get("/apis/example.com/v1"), "widgets").path("kind").asText()).isEqualTo("Widget");
        assertThat(get("/version").path("gitVersion").asText()).startsWith("v1.35");
    }

    @Test
    void fabric8ScalesADeploymentThroughTheScaleSubresourceThatDiscoveryLists() throws Exception {
        cluster.createFromYaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: nginx:1.27}]}
                """);
        JsonNode scaleResource = resource(get("/apis/apps/v1"), "deployments/scale");
        assertThat(scaleResource.path("group").asText() + "/" + scaleResource.path("version").asText() + " "
                + scaleResource.path("kind").asText()).isEqualTo("autoscaling/v1 Scale");

        client.apps().deployments().inNamespace("default").withName("web").scale(4);

        Scale scale = client.apps().deployments().inNamespace("default").withName("web").scale();
        assertThat(scale.getSpec().getReplicas()).isEqualTo(4);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app=web");
        assertThat(cluster.get("apps/v1", "Deployment", "default", "web").orElseThrow().at("/spec/replicas").asInt())
                .isEqualTo(4);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        return null;
    }
}
