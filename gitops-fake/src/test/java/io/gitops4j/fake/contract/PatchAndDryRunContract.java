package io.gitops4j.fake.contract;

import static io.gitops4j.fake.contract.ClusterFixture.configMap;
import static io.gitops4j.fake.contract.ClusterFixture.deployment;
import static io.gitops4j.fake.contract.ClusterFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON patch, JSON merge patch, strategic merge patch, defaulting and dryRun=All semantics every form of the fake cluster must have. */
public interface PatchAndDryRunContract extends ClusterFixture {

    @Test
    default void aJsonPatchAppliesItsOperationsInOrder() {
        cluster().create(deployment("web", 2));
        ArrayNode operations = (ArrayNode) Json.mapper().valueToTree(List.of(
                Map.of("op", "test", "path", "/spec/replicas", "value", 2),
                Map.of("op", "replace", "path", "/spec/replicas", "value", 5),
                Map.of("op", "add", "path", "/metadata/labels/tier", "value", "front")));

        ObjectNode patched = cluster().patch(deployments(), "default", "web", Patch.json(operations),
                WriteOptions.defaults());

        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(patched.at("/metadata/labels/tier").asText()).isEqualTo("front");
        assertThat(patched.at("/metadata/generation").asInt()).isEqualTo(2);
    }

    @Test
    default void aJsonPatchWhoseTestFailsIsInvalidAndChangesNothing() {
        ObjectNode created = cluster().create(deployment("web", 2));
        ArrayNode operations = (ArrayNode) Json.mapper().valueToTree(List.of(
                Map.of("op", "test", "path", "/spec/replicas", "value", 3),
                Map.of("op", "replace", "path", "/spec/replicas", "value", 5)));

        assertThatThrownBy(() -> cluster().patch(deployments(), "default", "web", Patch.json(operations),
                WriteOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThat(cluster().get(deployments(), "default", "web").orElseThrow()).isEqualTo(created);
    }

    @Test
    default void aMergePatchMergesObjectsAndRemovesNulls() {
        cluster().create(yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, labels: {app: web, stale: 'yes'}}
                data: {color: blue, size: large}
                """));

        ObjectNode patched = cluster().patch(type("v1", "ConfigMap"), "default", "settings",
                Patch.merge(yaml("{metadata: {labels: {stale: null}}, data: {color: green}}")), WriteOptions.defaults());

        assertThat(patched.at("/data/color").asText()).isEqualTo("green");
        assertThat(patched.at("/data/size").asText()).isEqualTo("large");
        assertThat(patched.at("/metadata/labels").has("stale")).isFalse();
        assertThat(patched.at("/metadata/labels/app").asText()).isEqualTo("web");
    }

    @Test
    default void aStrategicMergePatchMergesContainersByName() {
        cluster().create(deployment("web", 2));

        ObjectNode patched = cluster().patch(deployments(), "default", "web", Patch.strategicMerge(yaml("""
                spec:
                  template:
                    spec:
                      containers:
                      - {name: sidecar, image: 'envoy:1.31'}
                      - {name: app, image: 'nginx:1.28'}
                """)), WriteOptions.defaults());

        assertThat(patched.at("/spec/template/spec/containers").findValuesAsText("name"))
                .containsExactlyInAnyOrder("app", "sidecar");
        assertThat(patched.at("/spec/template/spec/containers").findValuesAsText("image"))
                .containsExactlyInAnyOrder("nginx:1.28", "envoy:1.31");
    }

    @Test
    default void writesGetTheServersDefaults() {
        ObjectNode created = cluster().create(deployment("web", 2));

        assertThat(created.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(created.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(created.at("/spec/template/spec/containers/0/terminationMessagePath").asText())
                .isEqualTo("/dev/termination-log");
        assertThat(created.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
    }

    @Test
    default void aPatchCarryingAStaleResourceVersionConflicts() {
        ObjectNode created = cluster().create(configMap("settings", "app: web"));
        cluster().patch(type("v1", "ConfigMap"), "default", "settings",
                Patch.merge(yaml("{data: {color: green}}")), WriteOptions.defaults());
        ObjectNode stale = yaml("{metadata: {resourceVersion: '" + created.at("/metadata/resourceVersion").asText()
                + "'}, data: {color: red}}");

        assertThatThrownBy(() -> cluster().patch(type("v1", "ConfigMap"), "default", "settings", Patch.merge(stale),
                WriteOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    default void patchingAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> cluster().patch(type("v1", "ConfigMap"), "default", "missing",
                Patch.merge(yaml("{data: {color: green}}")), WriteOptions.defaults()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    default void aDryRunCreateAnswersWithTheObjectAndStoresNothing() {
        String before = fake().resourceVersion();

        ObjectNode answer = cluster().create(deployment("web", 2), WriteOptions.defaults().asDryRun());

        assertThat(answer.at("/metadata/uid").asText()).isNotEmpty();
        assertThat(answer.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-11-22T09:30:00Z");
        assertThat(answer.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(answer.at("/metadata/resourceVersion").asText("")).isEmpty();
        assertThat(cluster().get(deployments(), "default", "web")).isEmpty();
        assertThat(fake().resourceVersion()).isEqualTo(before);
    }

    @Test
    default void aDryRunCreateStillFailsLikeARealOne() {
        cluster().create(deployment("web", 2));

        assertThatThrownBy(() -> cluster().create(deployment("web", 2), WriteOptions.defaults().asDryRun()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    default void aDryRunUpdateAndPatchAnswerWithTheResultAndChangeNothing() {
        ObjectNode created = cluster().create(deployment("web", 2));
        ObjectNode changed = created.deepCopy();
        ((ObjectNode) changed.get("spec")).put("replicas", 7);

        ObjectNode updated = cluster().update(changed, WriteOptions.defaults().asDryRun());
        ObjectNode patched = cluster().patch(deployments(), "default", "web",
                Patch.merge(yaml("{spec: {replicas: 9}}")), WriteOptions.defaults().asDryRun());

        assertThat(updated.at("/spec/replicas").asInt()).isEqualTo(7);
        assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(2);
        assertThat(patched.at("/spec/replicas").asInt()).isEqualTo(9);
        assertThat(cluster().get(deployments(), "default", "web").orElseThrow()).isEqualTo(created);
    }

    @Test
    default void aDryRunDeleteDeletesNothing() {
        cluster().create(configMap("settings", "app: web"));

        assertThat(cluster().delete(type("v1", "ConfigMap"), "default", "settings", DeleteOptions.defaults().asDryRun()))
                .isTrue();

        assertThat(cluster().get(type("v1", "ConfigMap"), "default", "settings")).isPresent();
    }

    private ResourceType deployments() {
        return type("apps/v1", "Deployment");
    }
}
