package io.gitops4j.core.crd.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which shard an Application belongs to: by its destination's cluster Secret, as Argo CD's legacy sharding. */
class ApplicationShardsTest {

    private static final String UID_ONE = "5c4e2bf4-6b5d-4f0e-9a57-0d4e2d8ac1f1";   // fnv32a % 3 = 2
    private static final String UID_TWO = "0b1e1c7a-2f6c-4b8e-8d2f-3a5c6e7f8a9b";   // fnv32a % 3 = 0

    private final ApplicationShards shards = ApplicationShards.of(3, List.of(
            secret("prod", "https://prod.example.com/", UID_ONE, ""),
            secret("staging", "https://staging.example.com", UID_TWO, ""),
            secret("pinned", "https://pinned.example.com", UID_ONE, "1"),
            secret("too-far", "https://too-far.example.com", UID_ONE, "7"),
            secret("garbled", "https://garbled.example.com", UID_ONE, "one")));

    @Test
    void aDestinationServerIsShardedByItsSecretsUid() {
        assertThat(shards.shardOf(app("https://prod.example.com", ""))).isEqualTo(2);
        assertThat(shards.shardOf(app("https://prod.example.com/", ""))).as("trailing slash").isEqualTo(2);
        assertThat(shards.shardOf(app("https://staging.example.com", ""))).isZero();
    }

    @Test
    void aDestinationNameIsLookedUpByTheSecretsName() {
        assertThat(shards.shardOf(app("", "prod"))).isEqualTo(2);
    }

    @Test
    void theSecretsShardKeyFixesItsShardBelowTheReplicasElseShardZeroAsArgoCd() {
        assertThat(shards.shardOf(app("https://pinned.example.com", ""))).isEqualTo(1);
        assertThat(shards.shardOf(app("https://too-far.example.com", ""))).isZero();
        assertThat(shards.shardOf(app("https://garbled.example.com", ""))).isZero();
    }

    @Test
    void theInClusterDestinationWithoutSecretAndUnknownDestinationsAreShardZero() {
        assertThat(shards.shardOf(app("https://kubernetes.default.svc", ""))).isZero();
        assertThat(shards.shardOf(app("", "in-cluster"))).isZero();
        assertThat(shards.shardOf(app("https://nowhere.example.com", ""))).isZero();
        assertThat(shards.shardOf(Json.object())).as("no spec at all").isZero();
    }

    @Test
    void anInClusterSecretIsShardedByItsUidLikeAnyOther() {
        ApplicationShards withSecret = ApplicationShards.of(3,
                List.of(secret("in-cluster", "https://kubernetes.default.svc", UID_ONE, "")));
        assertThat(withSecret.shardOf(app("https://kubernetes.default.svc", ""))).isEqualTo(2);
    }

    @Test
    void theShardAnnotationFixesOneApplicationsShard() {
        ObjectNode app = app("https://prod.example.com", "");
        app.with("metadata").putObject("annotations").put(ApplicationShards.SHARD_ANNOTATION, "1");
        assertThat(shards.shardOf(app)).isEqualTo(1);

        app.with("metadata").with("annotations").put(ApplicationShards.SHARD_ANNOTATION, "3");
        assertThat(shards.shardOf(app)).as("out of range: by destination").isEqualTo(2);
        app.with("metadata").with("annotations").put(ApplicationShards.SHARD_ANNOTATION, "-1");
        assertThat(shards.shardOf(app)).as("negative: by destination").isEqualTo(2);
    }

    static ObjectNode secret(String name, String server, String uid, String shard) {
        ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "cluster-" + name).put("namespace", "argocd").put("uid", uid)
                .putObject("labels").put("argocd.argoproj.io/secret-type", "cluster");
        ObjectNode data = secret.putObject("data").put("name", base64(name)).put("server", base64(server));
        if (!shard.isEmpty()) {
            data.put("shard", base64(shard));
        }
        return secret;
    }

    private static ObjectNode app(String server, String name) {
        ObjectNode app = Json.object().put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Application");
        app.putObject("metadata").put("name", "guestbook").put("namespace", "argocd");
        ObjectNode destination = app.putObject("spec").putObject("destination").put("namespace", "guestbook");
        if (!server.isEmpty()) {
            destination.put("server", server);
        }
        if (!name.isEmpty()) {
            destination.put("name", name);
        }
        return app;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
