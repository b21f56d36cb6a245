package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class YamlFieldsTest {

    private static final Function<String, IllegalStateException> PROBLEM = p -> new IllegalStateException("app.yaml: " + p);

    private static JsonNode yaml(String text) {
        return Yaml.readValue(text, "app.yaml");
    }

    @Test
    void missingAndNullFieldsReadAsZeroValues() {
        JsonNode node = yaml("namespace: null\n");

        assertThat(YamlFields.text(node.path("namespace"), "namespace", PROBLEM)).isEmpty();
        assertThat(YamlFields.text(node.path("missing"), "missing", PROBLEM)).isEmpty();
        assertThat(YamlFields.scalarText(node.path("missing"), "missing", PROBLEM)).isEmpty();
        assertThat(YamlFields.bool(node.path("missing"), "missing", PROBLEM)).isEmpty();
        assertThat(YamlFields.list(node.path("namespace"), "namespace", PROBLEM)).isEmpty();
        assertThat(YamlFields.strings(node.path("missing"), "missing", PROBLEM)).isEmpty();
        assertThat(YamlFields.stringMap(node.path("missing"), "missing", PROBLEM)).isEmpty();
        assertThat(YamlFields.isAbsent(null)).isTrue();
        assertThat(YamlFields.isAbsent(node.path("namespace"))).isTrue();
    }

    @Test
    void readsTheValuesWithTheirTypes() {
        JsonNode node = yaml("""
                name: web
                port: 8080
                enabled: false
                items: [a, b]
                labels: {app: web, empty: null}
                """);

        assertThat(YamlFields.text(node.path("name"), "name", PROBLEM)).isEqualTo("web");
        assertThat(YamlFields.scalarText(node.path("port"), "port", PROBLEM)).isEqualTo("8080");
        assertThat(YamlFields.bool(node.path("enabled"), "enabled", PROBLEM)).contains(false);
        assertThat(YamlFields.strings(node.path("items"), "items", PROBLEM)).containsExactly("a", "b");
        assertThat(YamlFields.list(node.path("items"), "items", PROBLEM)).hasSize(2);
        assertThat(YamlFields.stringMap(node.path("labels"), "labels", PROBLEM))
                .containsExactly(Map.entry("app", "web"), Map.entry("empty", ""));
    }

    @Test
    void aValueOfAnotherShapeIsTheCallersErrorNamingTheFieldAndValue() {
        JsonNode node = yaml("""
                newTag: 1.10
                enabled: yes please
                items: {a: b}
                names: [a, 1]
                labels: [a]
                pairs: {tier: 1}
                nested: {a: b}
                """);

        assertThatThrownBy(() -> YamlFields.text(node.path("newTag"), "images.newTag", PROBLEM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("app.yaml: images.newTag must be a string, not '1.1'; quote it");
        assertThatThrownBy(() -> YamlFields.scalarText(node.path("nested"), "nested", PROBLEM))
                .hasMessage("app.yaml: nested must be a string");
        assertThatThrownBy(() -> YamlFields.bool(node.path("enabled"), "enabled", PROBLEM))
                .hasMessage("app.yaml: enabled must be true or false, not 'yes please'");
        assertThatThrownBy(() -> YamlFields.list(node.path("items"), "items", PROBLEM))
                .hasMessage("app.yaml: items must be a list");
        assertThatThrownBy(() -> YamlFields.strings(node.path("names"), "names", PROBLEM))
                .hasMessage("app.yaml: names must be a list of strings; quote '1'");
        assertThatThrownBy(() -> YamlFields.stringMap(node.path("labels"), "labels", PROBLEM))
                .hasMessage("app.yaml: labels must be a mapping of strings");
        assertThatThrownBy(() -> YamlFields.stringMap(node.path("pairs"), "pairs", PROBLEM))
                .hasMessage("app.yaml: pairs.tier must be a string, not '1'; quote it");
    }
}
