package io.gitops4j.fake.internal.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Protobuf bodies as kubectl v1.35 sends them ({@code src/test/resources/protobuf/*.pb}, captured
 * from {@code kubectl create ...}) read into the JSON kubectl would have sent, and answers written
 * back.
 */
class ProtobufCodecTest {

    private static final Path CAPTURED = Path.of("src/test/resources/protobuf");

    private final ProtobufCodec codec = new ProtobufCodec();

    static Stream<String> capturedBodies() throws IOException {
        try (Stream<Path> files = Files.list(CAPTURED)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".pb"))
                    .map(name -> name.substring(0, name.length() - 3)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("capturedBodies")
    void readsWhatKubectlSends(String name) throws IOException {
        ObjectNode read = codec.read(Files.readAllBytes(CAPTURED.resolve(name + ".pb")));

        assertThat(read).isEqualTo(Json.mapper().readTree(CAPTURED.resolve(name + ".json").toFile()));
    }

    @ParameterizedTest
    @MethodSource("capturedBodies")
    void writesAnswersThatReadBackTheSame(String name) throws IOException {
        ObjectNode object = codec.read(Files.readAllBytes(CAPTURED.resolve(name + ".pb")));

        assertThat(codec.read(codec.write(object))).isEqualTo(object);
    }

    @Test
    void keepsZeroValuesOfPointersAndDropsZeroValuesGoReadsAsUnset() {
        ObjectNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop, generation: 3, creationTimestamp: "2026-01-02T03:04:05Z"}
                spec:
                  replicas: 0
                  strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 25%}}
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      volumes: [{name: scratch, emptyDir: {}}]
                      containers:
                      - name: app
                        image: nginx
                        resources: {limits: {memory: 128Mi}}
                        readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 5}
                """, "deployment");

        ObjectNode read = codec.read(codec.write(deployment));

        assertThat(read).isEqualTo(deployment);
    }

    @Test
    void writesStatusAndListsOfBuiltInKinds() {
        ObjectNode status = yaml("""
                apiVersion: v1
                kind: Status
                status: Failure
                message: configmaps "x" not found
                reason: NotFound
                details: {name: x, kind: configmaps}
                code: 404
                """, "status");
        ObjectNode list = yaml("""
                apiVersion: v1
                kind: ConfigMapList
                metadata: {resourceVersion: "12"}
                items:
                - metadata: {name: a, namespace: default}
                  data: {k: v}
                """, "list");

        assertThat(codec.read(codec.write(status))).isEqualTo(status);
        assertThat(codec.read(codec.write(list))).isEqualTo(list);
    }

    @Test
    void customResourcesHaveNoProtobufForm() {
        assertThat(codec.hasMessage("argoproj.io/v1alpha1", "Application")).isFalse();
        assertThat(codec.hasMessage("apps/v1", "Deployment")).isTrue();
        assertThat(codec.hasMessage("autoscaling/v1", "Scale")).isTrue();
    }

    @Test
    void refusesABodyWithoutTheKubernetesPrefix() {
        assertThatThrownBy(() -> codec.read("{\"kind\":\"ConfigMap\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k8s\\0");
    }

    @Test
    void refusesATruncatedBody() throws IOException {
        byte[] body = Files.readAllBytes(CAPTURED.resolve("kubectl-create-deployment.pb"));

        assertThatThrownBy(() -> codec.read(Arrays.copyOf(body, body.length - 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("protobuf body");
    }

    @Test
    void refusesAKindWithoutProtobufForm() {
        ObjectNode configMap = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", "cm");
        byte[] body = codec.write(configMap);
        byte[] renamed = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("ConfigMap", "Widget123").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> codec.read(renamed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v1 Widget123").hasMessageContaining("send it as JSON");
    }

    private static ObjectNode yaml(String text, String source) {
        return (ObjectNode) Yaml.readValue(text, source);
    }
}
