package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> WEB_PROD = Map.of("app", "web", "env", "prod", "replicas", "3");

    @Test
    void equalityRequirements() {
        assertThat(LabelSelector.parse("app=web").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("app==web,env=prod").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("app=web,env=dev").matches(WEB_PROD)).isFalse();
        assertThat(LabelSelector.parse("env!=dev").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("tier!=db").matches(WEB_PROD)).as("absent label is not equal").isTrue();
    }

    @Test
    void setRequirements() {
        assertThat(LabelSelector.parse("env in (prod, staging)").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("env notin (prod)").matches(WEB_PROD)).isFalse();
        assertThat(LabelSelector.parse("tier notin (db)").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("app").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("!canary").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("!app").matches(WEB_PROD)).isFalse();
        assertThat(LabelSelector.parse("app=web,env in (prod,staging),!canary").matches(WEB_PROD)).isTrue();
    }

    @Test
    void numericRequirements() {
        assertThat(LabelSelector.parse("replicas>2").matches(WEB_PROD)).isTrue();
        assertThat(LabelSelector.parse("replicas<3").matches(WEB_PROD)).isFalse();
        assertThat(LabelSelector.parse("app>1").matches(WEB_PROD)).as("not a number").isFalse();
    }

    @Test
    void anEmptySelectorMatchesEverything() {
        assertThat(LabelSelector.parse("").isEverything()).isTrue();
        assertThat(LabelSelector.parse("").matches(Map.of())).isTrue();
    }

    @Test
    void printsTheFormAnApiServerAccepts() {
        assertThat(LabelSelector.parse("app = web, env in (staging,prod), !canary").toString())
                .isEqualTo("app=web,env in (prod,staging),!canary");
    }

    @Test
    void readsMatchLabelsAndMatchExpressions() {
        var selector = LabelSelector.fromJson(Json.parseObject("""
                {"matchLabels": {"app": "web"},
                 "matchExpressions": [{"key": "env", "operator": "In", "values": ["prod", "staging"]},
                                      {"key": "canary", "operator": "DoesNotExist"}]}""", "selector"));

        assertThat(selector.matches(WEB_PROD)).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "env", "dev"))).isFalse();
    }

    @Test
    void aSelectorItCannotReadIsAClearError() {
        assertThatThrownBy(() -> LabelSelector.parse("app=web,,env=prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid label selector 'app=web,,env=prod': empty requirement");
        assertThatThrownBy(() -> LabelSelector.parse("app=we b"))
                .hasMessage("invalid label selector 'app=we b': cannot read requirement 'app=we b'");
    }
}
