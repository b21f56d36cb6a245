package io.gitops4j.diff.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerDefaultsTest {

    @ParameterizedTest
    @ValueSource(strings = {"deployment", "service", "statefulset", "cronjob", "job", "pod"})
    void fillsWhatTheApiServerFillsIn(String kind) {
        ObjectNode desired = read(kind, "desired.yaml");
        ObjectNode before = desired.deepCopy();

        assertThat(ServerDefaults.apply(desired)).isEqualTo(read(kind, "expected.yaml"));
        assertThat(desired).as("the input is not modified").isEqualTo(before);
    }

    @Test
    void defaultingIsIdempotent() {
        for (String kind : new String[] {"deployment", "service", "statefulset", "cronjob", "job", "pod"}) {
            ObjectNode once = ServerDefaults.apply(read(kind, "desired.yaml"));
            assertThat(ServerDefaults.apply(once)).as(kind).isEqualTo(once);
        }
    }

    @Test
    void valuesTheManifestSetsAreKept() {
        ObjectNode deployment = Json.parseObject("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"replicas":0,"strategy":{"type":"Recreate"},"template":{"spec":{"dnsPolicy":"None",
                  "containers":[{"name":"c","image":"c:latest","imagePullPolicy":"Never"}]}}}}""", "test");

        ObjectNode stored = ServerDefaults.apply(deployment);

        assertThat(stored.at("/spec/replicas").asInt()).isZero();
        assertThat(stored.at("/spec/strategy").toString()).isEqualTo("{\"type\":\"Recreate\"}");
        assertThat(stored.at("/spec/template/spec/dnsPolicy").asText()).isEqualTo("None");
        assertThat(stored.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void quantitiesAreStoredInTheirCanonicalForm() {
        ObjectNode pod = Json.parseObject("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"c:1",
                 "resources":{"limits":{"cpu":2000,"memory":"1.5Gi"},"requests":{"cpu":0.5,"memory":"1000Mi"}}}],
                 "overhead":{"cpu":"1000m"}}}""", "test");

        ObjectNode stored = ServerDefaults.apply(pod);

        assertThat(stored.at("/spec/containers/0/resources").toString()).isEqualTo(
                "{\"limits\":{\"cpu\":\"2k\",\"memory\":\"1536Mi\"},\"requests\":{\"cpu\":\"500m\",\"memory\":\"1000Mi\"}}");
        assertThat(stored.at("/spec/overhead/cpu").asText()).isEqualTo("1");
        assertThat(stored.at("/spec/containers/0/image").asText()).as("not a quantity").isEqualTo("c:1");
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertThat(ContainerDefaults.pullPolicyOf("nginx")).isEqualTo("Always");
        assertThat(ContainerDefaults.pullPolicyOf("nginx:latest")).isEqualTo("Always");
        assertThat(ContainerDefaults.pullPolicyOf("localhost:5000/nginx")).isEqualTo("Always");
        assertThat(ContainerDefaults.pullPolicyOf("localhost:5000/nginx:1.27")).isEqualTo("IfNotPresent");
        assertThat(ContainerDefaults.pullPolicyOf("nginx@sha256:abc")).isEqualTo("IfNotPresent");
    }

    @Test
    void unknownKindsAreReturnedUnchanged() {
        ObjectNode widget = Json.parseObject("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"spec\":{}}", "test");

        assertThat(ServerDefaults.apply(widget)).isEqualTo(widget);
        assertThat(ServerDefaults.knows("example.com/v1", "Widget")).isFalse();
        assertThat(ServerDefaults.knows("apps/v1", "Deployment")).isTrue();
    }

    private static ObjectNode read(String kind, String file) {
        String path = "/defaults/" + kind + "/" + file;
        try (InputStream in = Objects.requireNonNull(ServerDefaultsTest.class.getResourceAsStream(path), path)) {
            return Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), path).get(0).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
