package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lists and objects as {@code meta.k8s.io/v1} Tables, as {@code kubectl get} asks for them. */
class TableAnswersIT {

    private static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FakeCluster cluster = new FakeCluster(clock);
    private final FakeApiServer server = FakeApiServer.start(cluster);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deploymentsArePrintedWithTheirReplicaColumnsAndAge() throws Exception {
        cluster.createFromYaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: app, image: nginx:1.27}]}
                """);
        clock.advance(Duration.ofMinutes(3).plusSeconds(20));

        JsonNode table = get("/apis/apps/v1/namespaces/default/deployments", KUBECTL_ACCEPT);

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("columnDefinitions").findValuesAsText("name"))
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(cells(table.at("/rows/0"))).containsExactly("web", "0/3", "0", "0", "3m20s", "app", "nginx:1.27",
                "app=web");
        assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(table.at("/rows/0/object/metadata/name").asText()).isEqualTo("web");
        assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo(cluster.resourceVersion());
    }

    @Test
    void customResourcesArePrintedInTheColumnsTheirDefinitionDeclares() throws Exception {
        cluster.createFromYaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    additionalPrinterColumns:
                    - {name: Size, type: integer, jsonPath: .spec.size}
                    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                    - {name: Owner, type: string, jsonPath: .spec.owner, priority: 1}
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: small}
                spec: {size: 3}
                status: {conditions: [{type: Synced, status: "False"}, {type: Ready, status: "True"}]}
                """);

        JsonNode table = get("/apis/example.com/v1/namespaces/default/widgets/small?includeObject=None",
                KUBECTL_ACCEPT);

        assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Size", "Ready",
                "Owner");
        assertThat(table.at("/columnDefinitions/3/priority").asInt()).isEqualTo(1);
        JsonNode row = table.at("/rows/0");
        assertThat(row.path("cells").get(1).isIntegralNumber()).isTrue();
        assertThat(cells(row)).containsExactly("small", "3", "True", "null");
        assertThat(row.has("object")).isFalse();
    }

    @Test
    void clientsThatDoNotAskForATableGetTheObjects() throws Exception {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: '1'}\n");

        JsonNode list = get("/api/v1/namespaces/default/configmaps", "application/json");

        assertThat(list.path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(list.at("/items/0/data/a").asText()).isEqualTo("1");
    }

    private JsonNode get(String path, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<String> cells(JsonNode row) {
        List<String> cells = new ArrayList<>();
        row.path("cells").forEach(cell -> cells.add(cell.asText()));
        return cells;
    }
}
