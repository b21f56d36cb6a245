package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.fake.internal.protobuf.ProtobufCodec;
import io.gitops4j.kube.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Protobuf over HTTP, with the bodies kubectl v1.35 sends ({@code src/test/resources/protobuf}),
 * so that this holds where no kubectl is installed: requests in protobuf are stored as their JSON,
 * and a client that accepts only protobuf gets protobuf for built-in kinds and a 406 for custom
 * resources.
 */
class ProtobufBodiesIT {

    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private final FakeCluster cluster = new FakeCluster();
    private final FakeApiServer server = FakeApiServer.start(cluster);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createsWhatKubectlSendsInProtobuf() throws Exception {
        cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");

        HttpResponse<String> response = post("/apis/apps/v1/namespaces/shop/deployments",
                captured("kubectl-create-deployment.pb"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        ObjectNode stored = cluster.get("apps/v1", "Deployment", "shop", "web").orElseThrow();
        assertThat(stored.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(stored.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    }

    @Test
    void aMalformedProtobufBodyIsABadRequestNamingWhatIsWrong() throws Exception {
        byte[] body = captured("kubectl-create-configmap.pb");

        HttpResponse<String> response = post("/api/v1/namespaces/default/configmaps",
                java.util.Arrays.copyOf(body, body.length - 10));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(response.body(), "status").path("message").asText())
                .contains("protobuf body");
    }

    @Test
    void answersInProtobufAClientThatAcceptsNothingElse() throws Exception {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: blue}\n");

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/namespaces/default/configmaps/settings"))
                .header("Accept", PROTOBUF).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
        ObjectNode answer = new ProtobufCodec().read(response.body());
        assertThat(answer.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(answer.at("/data/color").asText()).isEqualTo("blue");
        assertThat(answer.at("/metadata/resourceVersion").asText()).isNotEmpty();
    }

    @Test
    void answersJsonWhenTheClientAlsoAcceptsJson() throws Exception {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/namespaces/default/configmaps/settings"))
                .header("Accept", PROTOBUF + ", application/json").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.parseObject(response.body(), "answer").path("kind").asText()).isEqualTo("ConfigMap");
    }

    @Test
    void customResourcesAreNotAcceptableInProtobuf() throws Exception {
        cluster.createFromYaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/apis/example.com/v1/namespaces/default/widgets"))
                .header("Accept", PROTOBUF).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(406);
    }

    private HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", PROTOBUF).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] captured(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/protobuf", name));
    }
}
