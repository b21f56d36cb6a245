package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {

    @Test
    void readsEveryNonEmptyDocumentWithItsStartingLine() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: first
                ---
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: second
                """;

        List<YamlDocument> documents = Yaml.readDocuments(yaml, "app/config.yaml");

        assertThat(documents).extracting(d -> d.body().at("/metadata/name").asText())
                .containsExactly("first", "second");
        assertThat(documents).extracting(YamlDocument::line).containsExactly(1, 9);
        assertThat(documents.get(1).location()).isEqualTo("app/config.yaml:9");
    }

    @Test
    void readsJsonToo() {
        List<YamlDocument> documents = Yaml.readDocuments(
                "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"demo\"}}", "ns.json");

        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).body().get("kind").asText()).isEqualTo("Namespace");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken
                  labels: app: x
                """;

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "app/broken.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("app/broken.yaml:5: malformed YAML")
                .satisfies(e -> assertThat(((ManifestException) e).line()).isEqualTo(5));
    }

    @Test
    void aDuplicatedKeyKeepsTheLastValueAsKubectlDoes() {
        // kubectl (sigs.k8s.io/yaml) keeps the last of duplicated keys; a Deployment exported from a
        // cluster with a duplicated key was refused before (issue 17).
        var body = Yaml.readDocuments("kind: A\nmetadata:\n  name: first\n  name: second\nkind: B\n", "dup.yaml")
                .get(0).body();

        assertThat(body.get("kind").asText()).isEqualTo("B");
        assertThat(body.at("/metadata/name").asText()).isEqualTo("second");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        assertThatThrownBy(() -> Yaml.readDocuments("kind: A\n---\n- a\n- b\n", "list.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("list.yaml:3: a manifest document must be a mapping, found a list");
    }

    @Test
    void writtenYamlReadsBackAsTheSameValues() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: "y"
                data:
                  port: "8080"
                  enabled: "true"
                  answer: "no"
                  mode: "0755"
                  empty: ""
                  script: |
                    echo one
                    echo two
                """;
        var original = Yaml.readDocuments(yaml, "in.yaml").get(0).body();

        String written = Yaml.writeAll(List.of(original, original));
        List<YamlDocument> back = Yaml.readDocuments(written, "out.yaml");

        assertThat(back).hasSize(2);
        assertThat(back.get(0).body()).isEqualTo(original);
        assertThat(written).startsWith("apiVersion: v1\n").contains("\n---\n").contains("script: |");
    }

    @Test
    void stringsTheGoToolsWouldReadAsNumbersTimestampsOrBooleansAreWrittenQuoted() {
        List<String> tricky = List.of("0o17", "0x1F", "1_000", "1e3", "0b101", ".inf", "-.Inf", ".NaN", "017", "+12",
                "1.5", "1:20", "2001-12-14", "2001-12-14T21:59:43.10-05:00", "yes", "y", "on", "Off", "NO", "n", "~",
                "null", "true", "0.", "012345678");
        ObjectNode data = Json.object();
        tricky.forEach(value -> data.put("k" + value, value));
        ObjectNode keys = Json.object();
        tricky.forEach(value -> keys.put(value, "v"));
        ObjectNode document = Json.object();
        document.set("data", data);
        document.set("keys", keys);

        String written = Yaml.write(document);

        for (YamlReader reader : List.of(YamlReader.kubectl(), YamlReader.kyaml(), YamlReader.defaults())) {
            assertThat(reader.readValue(written, "written.yaml")).as("%s reading%n%s", reader, written)
                    .isEqualTo(document);
        }
        assertThat(written).contains("k1e3: \"1e3\"").contains("k1.5: \"1.5\"").doesNotContain("\"k");
    }
}
