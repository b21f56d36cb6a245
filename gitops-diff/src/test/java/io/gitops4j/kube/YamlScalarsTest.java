package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Plain scalars resolve as the Go tools resolve them (issue 17: YAML 1.1 scalars where the Go
 * tools treat them specially). The expected JSON of each row is what
 * {@code kubectl annotate --local -o json} (YAML 1.1, sigs.k8s.io/yaml) and
 * {@code kubectl kustomize} (YAML 1.2, kyaml) printed for the same value.
 */
class YamlScalarsTest {

    @ParameterizedTest(name = "{0}: kubectl {1}, kustomize {2}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            yes                        ; true                    ; "yes"
            On                         ; true                    ; "On"
            y                          ; true                    ; "y"
            N                          ; false                   ; "N"
            off                        ; false                   ; "off"
            True                       ; true                    ; true
            ~                          ; null                    ; null
            Null                       ; null                    ; null
            0755                       ; 493                     ; 493
            0o17                       ; 15                      ; 15
            0x_1F                      ; 31                      ; 31
            -0b101                     ; -5                      ; -5
            1_000                      ; 1000                    ; 1000
            +12                        ; 12                      ; 12
            08                         ; 8                       ; 8
            3.0                        ; 3                       ; 3
            1e3                        ; 1000                    ; 1000
            1_000.5                    ; 1000.5                  ; 1000.5
            .5                         ; 0.5                     ; 0.5
            0.1                        ; 0.1                     ; 0.1
            1e400                      ; "1e400"                 ; "1e400"
            1:20                       ; "1:20"                  ; "1:20"
            2024-01-01                 ; "2024-01-01"            ; "2024-01-01T00:00:00Z"
            2024-1-2                   ; "2024-1-2"              ; "2024-01-02T00:00:00Z"
            2001-12-14t21:59:43.10-05:00 ; "2001-12-14t21:59:43.10-05:00" ; "2001-12-14T21:59:43.1-05:00"
            2001-12-14 21:59:43.10     ; "2001-12-14 21:59:43.10" ; "2001-12-14T21:59:43.1Z"
            18446744073709551615       ; 18446744073709551615    ; 18446744073709551615
            0x                         ; "0x"                    ; "0x"
            !!str 12                   ; "12"                    ; "12"
            !!int "12"                 ; 12                      ; 12
            !!float 1                  ; 1                       ; 1
            ! 12                       ; "12"                    ; 12
            !custom 12                 ; "12"                    ; "12"
            "yes"                      ; "yes"                   ; "yes"
            """)
    void plainScalarsResolveAsTheGoToolsResolveThem(String yaml, String kubectl, String kustomize) {
        assertThat(value(YamlReader.kubectl(), yaml)).isEqualTo(Json.parseObject("{\"v\":" + kubectl + "}", "k")
                .get("v"));
        assertThat(value(YamlReader.kyaml(), yaml)).isEqualTo(Json.parseObject("{\"v\":" + kustomize + "}", "k")
                .get("v"));
    }

    @ParameterizedTest(name = "{0}: kubectl names it {1}")
    @CsvSource(delimiter = ';', textBlock = """
            on     ; true
            y      ; true
            no     ; false
            0755   ; 493
            0x10   ; 16
            1.5    ; 1.5
            1e3    ; 1000
            1e6    ; 1e+06
            name   ; name
            """)
    void keysAreNamedAsKubectlNamesThem(String key, String name) {
        JsonNode data = YamlReader.kubectl().readValue("data:\n  " + key + ": x\n", "k.yaml").get("data");

        assertThat(data.fieldNames()).toIterable().containsExactly(name);
    }

    @Test
    void kustomizeKeepsKeysAsWrittenAndRefusesKeysThatAreNotStrings() {
        assertThat(YamlReader.kyaml().readValue("on: 1\ny: 2\n", "k.yaml").fieldNames()).toIterable()
                .containsExactly("on", "y");
        assertThatThrownBy(() -> YamlReader.kyaml().readValue("data:\n  1: x\n", "k.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("k.yaml:2: the mapping key '1' is an integer, not a string; Kustomize refuses such keys:"
                        + " quote it");
    }

    @Test
    void aNullKeyIsRefusedAsKubectlRefusesIt() {
        assertThatThrownBy(() -> YamlReader.kubectl().readValue("~: x\n", "k.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("k.yaml:1: the mapping key '~' is null, which cannot be a JSON field name");
    }

    @Test
    void theDefaultReaderKeepsWhatTheReaderBeforeItRead() {
        // yes/on are booleans (as kubectl reads them), y/n and keys stay as written (as Kustomize
        // reads them), what the tools agree on (0755, 3.0) is read as they read it.
        JsonNode value = Yaml.readValue("on: y\nname: n\nenabled: yes\nwatch: Off\nmode: 0755\nreplicas: 3.0\n"
                + "date: 2024-1-2\n", "d.yaml");

        assertThat(value).isEqualTo(Json.parseObject("{\"on\": \"y\", \"name\": \"n\", \"enabled\": true,"
                + " \"watch\": false, \"mode\": 493, \"replicas\": 3, \"date\": \"2024-1-2\"}", "e"));
    }

    @Test
    void infinityIsRefusedBecauseJsonCannotHoldIt() {
        assertThatThrownBy(() -> Yaml.readValue("a: 1\nb: .inf\n", "f.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("f.yaml:2: '.inf' is infinity, which JSON (and so Kubernetes) cannot hold; quote it to"
                        + " keep it as a string");
    }

    @Test
    void anExplicitTagThatDoesNotFitIsRefused() {
        assertThatThrownBy(() -> Yaml.readValue("a: !!int twelve\n", "t.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("t.yaml:1: cannot read 'twelve' as a !!int");
    }

    private static JsonNode value(YamlReader reader, String yaml) {
        return reader.readValue("v: " + yaml + "\n", "v.yaml").get("v");
    }
}
