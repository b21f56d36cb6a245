package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Aliases expand to their anchor's value (issue 12, item 4: they came out as the anchor's name,
 * and {@code gitops sync} stored that wrong value), and merge keys work as go-yaml's do.
 */
class YamlAliasTest {

    private static ObjectNode read(String yaml) {
        return Yaml.readDocuments(yaml, "app.yaml").get(0).body();
    }

    @Test
    void aScalarAliasIsTheAnchoredValueNotItsName() {
        ObjectNode body = read("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: db
                data:
                  primary: &dsn "postgres://db"
                  replica: *dsn
                """);

        assertThat(body.at("/data/replica").asText()).isEqualTo("postgres://db");
    }

    @Test
    void mappingAndSequenceAliasesAreExpanded() {
        ObjectNode body = read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: &labels
                    app: web
                    tier: front
                spec:
                  selector:
                    matchLabels: *labels
                  template:
                    metadata:
                      labels: *labels
                    spec:
                      containers:
                      - name: web
                        args: &args [--port, "8080"]
                      - name: sidecar
                        args: *args
                """);

        assertThat(body.at("/spec/selector/matchLabels")).isEqualTo(body.at("/metadata/labels"));
        assertThat(body.at("/spec/selector/matchLabels/tier").asText()).isEqualTo("front");
        assertThat(body.at("/spec/template/spec/containers/1/args")).hasSize(2);
        assertThat(body.at("/spec/template/spec/containers/1/args/1").asText()).isEqualTo("8080");
    }

    @Test
    void anExpandedAliasIsACopyThatCanBeChangedAlone() {
        ObjectNode body = read("a: &m {k: v}\nb: *m\n");

        ((ObjectNode) body.get("b")).put("k", "changed");

        assertThat(body.at("/a/k").asText()).isEqualTo("v");
    }

    @Test
    void mergeKeysApplyWhereTheyStandAsInKubectl() {
        // kubectl (go-yaml v2): the merged keys overwrite the keys before <<, later keys overwrite
        // merged ones; in a list the first mapping wins.
        ObjectNode body = YamlReader.kubectl().readDocuments("""
                base: &a {x: a-x, k: a-k}
                other: &b {x: b-x, z: b-z}
                explicitFirst:
                  k: explicit
                  <<: *a
                explicitLast:
                  <<: *a
                  k: explicit
                list:
                  z: explicit
                  <<: [*a, *b]
                """, "app.yaml").get(0).body();

        assertThat(body.at("/explicitFirst/k").asText()).isEqualTo("a-k");
        assertThat(body.at("/explicitLast/k").asText()).isEqualTo("explicit");
        assertThat(body.get("list")).isEqualTo(read("{x: a-x, k: a-k, z: b-z}"));
        assertThat(body.at("/list").has("<<")).isFalse();
    }

    @Test
    void mergeKeysLetWrittenKeysWinAsInKustomize() {
        // kyaml (go-yaml v3), and the default reader: every key written in the mapping wins; then
        // the first merged mapping.
        ObjectNode body = YamlReader.kyaml().readDocuments("""
                base: &a {x: a-x, k: a-k}
                other: &b {x: b-x, z: b-z}
                explicitFirst:
                  k: explicit
                  <<: *a
                list:
                  z: explicit
                  <<: [*a, *b]
                """, "kustomize.yaml").get(0).body();

        assertThat(body.at("/explicitFirst/k").asText()).isEqualTo("explicit");
        assertThat(body.at("/list/x").asText()).isEqualTo("a-x");
        assertThat(body.at("/list/z").asText()).isEqualTo("explicit");
        assertThat(read("a: &a {k: merged}\nb:\n  k: written\n  <<: *a\n").at("/b/k").asText()).isEqualTo("written");
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() {
        assertThat(read("'<<': {a: 1}\n").has("<<")).isTrue();
    }

    @Test
    void aMergeOfSomethingOtherThanMappingsIsRefused() {
        assertThatThrownBy(() -> read("a: &s text\nb:\n  <<: *s\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("app.yaml:3: a merge key (<<) needs a mapping or a list of mappings as its value");
    }

    @Test
    void anUnknownAnchorIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("a: 1\nb: *nowhere\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("app.yaml:2: unknown anchor 'nowhere' referenced");
    }

    @Test
    void anAnchorUsedInsideItsOwnValueIsRefused() {
        assertThatThrownBy(() -> read("a: &loop\n  b: *loop\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("app.yaml:2: the anchor 'loop' is used inside its own value");
    }

    @Test
    void anchorsDoNotCrossDocuments() {
        assertThatThrownBy(() -> Yaml.readDocuments("a: &x 1\n---\nb: *x\n", "two.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("two.yaml:3: unknown anchor 'x' referenced");
    }

    @Test
    void anAliasCanBeAKey() {
        assertThat(read("k: &key name\n*key : value\n").get("name").asText()).isEqualTo("value");
    }
}
