package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.Yaml;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Secrets and ConfigMaps as a Kubernetes API server stores them: stringData merged into data,
 * base64 checked, type defaulted, keys and the well-known types' required keys validated.
 */
class SecretsAsStoredTest {

    private final FakeCluster cluster = new FakeCluster();

    @Test
    void stringDataIsMergedIntoDataAndNotStored() {
        cluster.create(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                data: {user: YWRtaW4=, password: b2xk}
                stringData: {password: s3cret, token: "t 1"}
                """));

        ObjectNode stored = cluster.get("v1", "Secret", "default", "creds").orElseThrow();

        assertThat(stored.has("stringData")).isFalse();
        assertThat(decoded(stored, "user")).isEqualTo("admin");
        assertThat(decoded(stored, "password")).as("stringData wins").isEqualTo("s3cret");
        assertThat(decoded(stored, "token")).isEqualTo("t 1");
        assertThat(stored.path("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void stringDataOfAnUpdateAndAnApplyIsMergedToo() {
        cluster.create(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {a: one}\n"));
        ObjectNode update = cluster.get("v1", "Secret", "default", "creds").orElseThrow().deepCopy();
        update.putObject("stringData").put("a", "two");

        cluster.update(update);
        assertThat(decoded(cluster.get("v1", "Secret", "default", "creds").orElseThrow(), "a")).isEqualTo("two");

        cluster.apply(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: applied}\nstringData: {b: three}\n"),
                WriteOptions.fieldManager("test"));
        ObjectNode applied = cluster.get("v1", "Secret", "default", "applied").orElseThrow();
        assertThat(decoded(applied, "b")).isEqualTo("three");
        assertThat(applied.has("stringData")).isFalse();
    }

    @Test
    void dataThatIsNotBase64IsABadRequest() {
        assertThatThrownBy(() -> cluster.create(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                data: {password: s3cret!}
                """))).isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("illegal base64 data at input byte 6").hasMessageContaining("password");
        assertThatThrownBy(() -> cluster.create(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: unpadded}
                data: {password: czNjcmV0MQ}
                """))).isInstanceOf(ClusterException.class).hasMessageContaining("illegal base64 data");
        assertThatThrownBy(() -> cluster.create(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: blob}
                binaryData: {blob: "%%%"}
                """))).isInstanceOf(ClusterException.class).hasMessageContaining("illegal base64 data at input byte 0");
        assertThat(cluster.get("v1", "Secret", "default", "creds")).isEmpty();
    }

    @Test
    void wellKnownTypesNeedTheirKeysAndTheTypeNeverChanges() {
        assertThatThrownBy(() -> cluster.create(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: tls}
                type: kubernetes.io/tls
                stringData: {tls.crt: cert}
                """))).isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessageContaining("data[tls.key]: Required value");
        cluster.create(yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: plain}\nstringData: {a: b}\n"));
        ObjectNode retyped = cluster.get("v1", "Secret", "default", "plain").orElseThrow().deepCopy();
        retyped.put("type", "kubernetes.io/basic-auth");

        assertThatThrownBy(() -> cluster.update(retyped)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");
    }

    @Test
    void keysMustBeConfigKeysAndAConfigMapKeyLivesInOneMapOnly() {
        assertThatThrownBy(() -> cluster.create(yaml("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                stringData: {"my key": v}
                """))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("data[my key]: Invalid value: \"my key\": a valid config key");
        assertThatThrownBy(() -> cluster.create(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: both}
                data: {k: v}
                binaryData: {k: dg==}
                """))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("data[k]: Invalid value: \"k\": duplicate of key present in binaryData");
    }

    private static ObjectNode yaml(String text) {
        return (ObjectNode) Yaml.readValue(text, "test");
    }

    private static String decoded(ObjectNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()));
    }
}
