package io.gitops4j.diff.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ManifestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreDifferencesTest {

    private static final ObjectNode DEPLOYMENT = Json.parseObject("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod",
             "annotations":{"a/b":"1"}},"spec":{"replicas":3,"template":{"spec":{"containers":[
               {"name":"app","image":"app:1"},{"name":"proxy","image":"proxy:1"}]}}}}""", "test");

    @Test
    void pointersAndJqPathsRemoveFieldsAndMissingPathsAreIgnored() {
        IgnoreDifferences rules = IgnoreDifferences.parse("""
                - group: apps
                  kind: Deploy*
                  jsonPointers: [/spec/replicas, /metadata/annotations/a~1b, /spec/missing/field]
                  jqPathExpressions:
                  - .spec.template.spec.containers[] | select(.name == "proxy")
                """, "rules.yaml");

        ObjectNode result = rules.removeIgnored(DEPLOYMENT.deepCopy(), DEPLOYMENT, DEPLOYMENT);

        assertThat(result.at("/spec").has("replicas")).isFalse();
        assertThat(result.at("/metadata/annotations").isEmpty()).isTrue();
        assertThat(result.at("/spec/template/spec/containers").toString()).isEqualTo("[{\"name\":\"app\",\"image\":\"app:1\"}]");
    }

    @Test
    void aJqPathThatDoesNotApplyToAnObjectIgnoresNothing() {
        IgnoreDifferences rules = IgnoreDifferences.parse("""
                - group: apps
                  kind: Deployment
                  jqPathExpressions: ['.spec.template.spec.initContainers[] | select(.name == "istio-init")']
                """, "rules.yaml");

        assertThat(rules.removeIgnored(DEPLOYMENT.deepCopy(), DEPLOYMENT, DEPLOYMENT)).isEqualTo(DEPLOYMENT);
    }

    @Test
    void rulesSelectByGroupKindNameAndNamespace() {
        for (IgnoreRule rule : List.of(
                new IgnoreRule("apps", "StatefulSet", "", "", List.of("/spec/replicas"), List.of(), List.of()),
                new IgnoreRule("", "Deployment", "", "", List.of("/spec/replicas"), List.of(), List.of()),
                new IgnoreRule("extensions", "Deployment", "", "", List.of("/spec/replicas"), List.of(), List.of()),
                new IgnoreRule("apps", "Deployment", "other", "", List.of("/spec/replicas"), List.of(), List.of()),
                new IgnoreRule("apps", "Deployment", "web", "staging", List.of("/spec/replicas"), List.of(), List.of()))) {
            ObjectNode result = IgnoreDifferences.of(List.of(rule)).removeIgnored(DEPLOYMENT.deepCopy(), DEPLOYMENT, DEPLOYMENT);
            assertThat(result.at("/spec/replicas").asInt()).as(rule.describe()).isEqualTo(3);
        }
        IgnoreDifferences all = IgnoreDifferences.of(List.of(IgnoreRule.pointers("*", "*", "/spec/replicas")));
        assertThat(all.removeIgnored(DEPLOYMENT.deepCopy(), DEPLOYMENT, DEPLOYMENT).at("/spec").has("replicas")).isFalse();
        IgnoreDifferences appsGlob = IgnoreDifferences.of(List.of(IgnoreRule.pointers("app?", "Deploy*", "/spec/replicas")));
        assertThat(appsGlob.removeIgnored(DEPLOYMENT.deepCopy(), DEPLOYMENT, DEPLOYMENT).at("/spec").has("replicas")).isFalse();
    }

    @Test
    void globalRulesAddToApplicationRules() {
        IgnoreDifferences app = IgnoreDifferences.of(List.of(IgnoreRule.pointers("apps", "Deployment", "/spec/replicas")));
        IgnoreDifferences global = IgnoreDifferences.of(List.of(IgnoreRule.pointers("apps", "Deployment", "/metadata/annotations")));

        ObjectNode result = app.and(global).removeIgnored(DEPLOYMENT.deepCopy(), DEPLOYMENT, DEPLOYMENT);

        assertThat(result.at("/spec").has("replicas")).isFalse();
        assertThat(result.at("/metadata").has("annotations")).isFalse();
        assertThat(app.and(global).rules()).hasSize(2);
    }

    @Test
    void anInvalidPointerOrJqExpressionIsAnErrorNamingTheRule() {
        assertThatThrownBy(() -> IgnoreDifferences.of(List.of(IgnoreRule.pointers("apps", "Deployment", "spec/replicas"))))
                .isInstanceOf(IgnoreRuleException.class)
                .hasMessageContaining("ignoreDifferences rule apps/Deployment/*/*")
                .hasMessageContaining("spec/replicas");
        assertThatThrownBy(() -> IgnoreDifferences.parse("""
                - kind: ConfigMap
                  name: settings
                  jqPathExpressions: [".data | select(.x ==="]
                """, "rules.yaml"))
                .isInstanceOf(IgnoreRuleException.class)
                .hasMessageContaining("ignoreDifferences rule /ConfigMap/*/settings")
                .hasMessageContaining(".data | select(.x ===");
        assertThatThrownBy(() -> IgnoreDifferences.of(List.of(IgnoreRule.pointers("apps", "", "/spec/replicas"))))
                .isInstanceOf(IgnoreRuleException.class)
                .hasMessageContaining("kind is required");
        assertThatThrownBy(() -> IgnoreDifferences.parse("group: apps", "rules.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("rules.yaml");
    }
}
