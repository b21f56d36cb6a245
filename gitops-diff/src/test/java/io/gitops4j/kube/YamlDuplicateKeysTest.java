package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Duplicate keys are resolved by the reader's policy (issue 17): kubectl (sigs.k8s.io/yaml) keeps
 * the last, Kustomize (kyaml) refuses them with both lines, in YAML and in JSON.
 */
class YamlDuplicateKeysTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: podinfo
            spec:
              template:
                spec:
                  containers:
                  - name: podinfod
                    env:
                    - {name: COLOR, value: red}
                    env:
                    - {name: COLOR, value: blue}
            """;

    @Test
    void theDefaultKeepsTheLastAsKubectlDoes() {
        var body = Yaml.readDocuments(DEPLOYMENT, "deploy.yaml").get(0).body();

        assertThat(body.at("/spec/template/spec/containers/0/env/0/value").asText()).isEqualTo("blue");
    }

    @Test
    void refusingNamesBothLinesAsKustomizeDoes() {
        assertThatThrownBy(() -> YamlReader.kyaml().readDocuments(DEPLOYMENT, "deploy.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("deploy.yaml:12: the mapping key 'env' is already defined at line 10; remove one of them"
                        + " (this reader refuses duplicate keys, as Kustomize does)");
    }

    @Test
    void thePolicyIsAnOptionOfEitherReader() {
        assertThatThrownBy(() -> YamlReader.kubectl().withDuplicateKeys(YamlReader.DuplicateKeys.REFUSE)
                .readDocuments(DEPLOYMENT, "deploy.yaml")).isInstanceOf(ManifestException.class);
        assertThat(YamlReader.kyaml().withDuplicateKeys(YamlReader.DuplicateKeys.LAST_WINS)
                .readDocuments(DEPLOYMENT, "deploy.yaml")).hasSize(1);
    }

    @Test
    void keysSetByAMergeAreNotDuplicates() {
        String yaml = "base: &b {a: 1}\nx:\n  <<: *b\n  a: 2\n";

        assertThat(YamlReader.kyaml().readValue(yaml, "m.yaml").at("/x/a").asInt()).isEqualTo(2);
    }

    @Test
    void jsonFollowsThePolicyToo() {
        String json = "{\"kind\": \"A\",\n \"kind\": \"B\"}";

        assertThat(Yaml.readDocuments(json, "d.json").get(0).body().get("kind").asText()).isEqualTo("B");
        assertThatThrownBy(() -> YamlReader.kyaml().readDocuments(json, "d.json"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("d.json:2: the key 'kind' is defined twice in one object");
    }
}
