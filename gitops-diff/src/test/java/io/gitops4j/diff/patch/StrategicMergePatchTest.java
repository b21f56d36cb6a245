package io.gitops4j.diff.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["a","b"]},
             "spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
              "template":{"spec":{"containers":[
                {"name":"app","image":"web:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
                {"name":"proxy","image":"proxy:1"}],
               "volumes":[{"name":"conf","configMap":{"name":"c"}}]}}}}""";

    @Test
    void aTwoWayPatchTurnsTheOriginalIntoTheModified() {
        ObjectNode original = json(DEPLOYMENT);
        ObjectNode modified = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["b","c"]},
                 "spec":{"strategy":{"type":"Recreate"},
                  "template":{"spec":{"containers":[
                    {"name":"proxy","image":"proxy:2"},
                    {"name":"app","image":"web:1","env":[{"name":"B","value":"2"},{"name":"C","value":"3"}]}],
                   "volumes":[{"name":"conf","secret":{"secretName":"s"}}]}}}}""");

        ObjectNode patch = StrategicMergePatch.createTwoWay(original, modified);

        assertThat(StrategicMergePatch.apply(original, patch)).isEqualTo(modified);
        assertThat(patch.at("/spec/replicas").isNull()).as("a removed field is deleted with null").isTrue();
        assertThat(patch.at("/spec/strategy/$retainKeys").toString()).isEqualTo("[\"type\"]");
        assertThat(patch.at("/metadata/$deleteFromPrimitiveList~1finalizers").toString()).isEqualTo("[\"a\"]");
        assertThat(patch.at("/spec/template/spec/$setElementOrder~1containers").toString())
                .isEqualTo("[{\"name\":\"proxy\"},{\"name\":\"app\"}]");
    }

    @Test
    void equalObjectsGiveAnEmptyPatch() {
        assertThat(StrategicMergePatch.createTwoWay(json(DEPLOYMENT), json(DEPLOYMENT))).isEmpty();
        assertThat(StrategicMergePatch.createThreeWay(json(DEPLOYMENT), json(DEPLOYMENT), json(DEPLOYMENT))).isEmpty();
    }

    @Test
    void aThreeWayPatchKeepsWhatOnlyTheLiveObjectHasAndDeletesWhatTheLastApplyDropped() {
        ObjectNode lastApplied = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"old":"x"}},
                 "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"app","image":"web:1"}]}}}}""");
        ObjectNode desired = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"app","image":"web:1"}]}}}}""");
        ObjectNode live = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"old":"x","hpa":"y"}},
                 "spec":{"replicas":2,"revisionHistoryLimit":10,"template":{"spec":{"containers":[
                   {"name":"app","image":"web:1","imagePullPolicy":"IfNotPresent"},
                   {"name":"injected","image":"mesh:1"}]}}}}""");

        ObjectNode patch = StrategicMergePatch.createThreeWay(lastApplied, desired, live);
        ObjectNode result = StrategicMergePatch.apply(live, patch);

        assertThat(Json.write(patch)).isEqualTo("{\"metadata\":{\"labels\":{\"app\":\"web\",\"old\":null}},\"spec\":{\"replicas\":3}}");
        assertThat(result.at("/metadata/labels").toString()).isEqualTo("{\"hpa\":\"y\",\"app\":\"web\"}");
        assertThat(result.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(result.at("/spec/template/spec/containers").size()).isEqualTo(2);
    }

    @Test
    void withoutALastAppliedConfigurationNothingIsDeleted() {
        ObjectNode desired = json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}");
        ObjectNode live = json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}");

        assertThat(StrategicMergePatch.createThreeWay(null, desired, live)).isEmpty();
    }

    @Test
    void customResourcesFollowJsonMergePatch() {
        ObjectNode original = json("""
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
                 "spec":{"items":[{"name":"a"},{"name":"b"}],"size":1}}""");
        ObjectNode patch = json("{\"spec\":{\"items\":[{\"name\":\"c\"}],\"size\":null,\"color\":\"red\"}}");

        assertThat(StrategicMergePatch.apply(original, patch)).isEqualTo(MergePatch.apply(original, patch));
        ObjectNode modified = MergePatch.apply(original, patch);
        assertThat(StrategicMergePatch.apply(original, StrategicMergePatch.createTwoWay(original, modified)))
                .isEqualTo(modified);
    }

    @Test
    void kustomizeRemovesAFieldPatchedWithDeleteWhereTheApiServerLeavesItEmpty() {
        ObjectNode patch = json("{\"spec\":{\"strategy\":{\"$patch\":\"delete\"}}}");

        assertThat(StrategicMergePatch.apply(json(DEPLOYMENT), patch).at("/spec/strategy").toString()).isEqualTo("{}");
        assertThat(StrategicMergePatch.applyLikeKustomize(json(DEPLOYMENT), patch).at("/spec").has("strategy")).isFalse();
    }

    @Test
    void anExplicitMergeDirectiveMergesAndANewReplacedFieldIsKept() {
        ObjectNode patch = json("""
                {"spec":{"$patch":"merge","replicas":5,
                  "template":{"spec":{"securityContext":{"$patch":"replace","runAsUser":1000}}}}}""");

        ObjectNode result = StrategicMergePatch.apply(json(DEPLOYMENT), patch);

        assertThat(result.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(result.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(result.at("/spec/template/spec/securityContext").toString()).isEqualTo("{\"runAsUser\":1000}");
    }

    @Test
    void aTopLevelDeleteLeavesAnEmptyObject() {
        assertThat(StrategicMergePatch.apply(json(DEPLOYMENT), json("{\"$patch\":\"delete\"}"))).isEmpty();
    }

    @Test
    void kustomizeTakesANewListOfOneItemWithoutItsMergeKeyAsTheApiServerDoesNot() {
        ObjectNode original = json(DEPLOYMENT);
        ObjectNode patch = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"template":{"spec":{"containers":[
                   {"name":"proxy","env":[{"valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}]}}}}""");

        ObjectNode merged = StrategicMergePatch.applyLikeKustomize(original, patch);

        assertThat(merged.at("/spec/template/spec/containers/1/env").toString())
                .isEqualTo("[{\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}}]");
        assertThatThrownBy(() -> StrategicMergePatch.apply(original, patch))
                .isInstanceOf(PatchException.class).hasMessageContaining("does not contain the merge key 'name'");
        ObjectNode intoExisting = json(patch.toString().replace("proxy", "app"));
        assertThatThrownBy(() -> StrategicMergePatch.applyLikeKustomize(original, intoExisting))
                .as("a list the target has still needs the key").isInstanceOf(PatchException.class);
    }

    @Test
    void kustomizeModeRefusesANewListMixingItemsWithoutTheKeyRatherThanDropSome() {
        ObjectNode patch = json("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"template":{"spec":{"containers":[
                   {"name":"proxy","env":[{"name":"LEVEL","value":"debug"},{"value":"x"}]}]}}}}""");

        assertThatThrownBy(() -> StrategicMergePatch.applyLikeKustomize(json(DEPLOYMENT), patch))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("Kustomize would keep only one of them");
    }

    private static ObjectNode json(String text) {
        return Json.parseObject(text, "test");
    }
}
