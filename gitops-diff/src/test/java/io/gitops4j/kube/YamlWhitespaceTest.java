package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tabs (and other blanks) are read where go-yaml (kubectl, Kustomize, Argo CD) reads them and refused where it
 * refuses them (issue 17: Argo CD's example {@code kustomize-guestbook} has a tab after
 * {@code metadata:}). Each row was checked with {@code kubectl annotate --local -f}.
 */
class YamlWhitespaceTest {

    private static final String HEAD = "apiVersion: v1\nkind: ConfigMap\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            after a key with a nested mapping ; metadata:\\t\\n  name: x\\n ; /metadata/name ; x
            after a plain value ; metadata:\\n  name: x\\t\\n ; /metadata/name ; x
            between a key and its value ; metadata:\\n  name:\\tx\\n ; /metadata/name ; x
            before a comment ; metadata:\\n  name: x\\t# c\\n ; /metadata/name ; x
            inside a flow mapping ; metadata: {name:\\tx}\\n ; /metadata/name ; x
            after a quoted value ; data:\\n  a: "x"\\t\\n ; /data/a ; x
            after a flow sequence ; data:\\n  a: [1, 2]\\t\\n ; /data/a/1 ; 2
            after a block scalar indicator ; data:\\n  a: |\\t\\n    x\\n ; /data/a ; x\\n
            inside a plain value ; data:\\n  a: x \\t y\\n ; /data/a ; x \\t y
            after an anchor ; metadata: &m\\t\\n  name: x\\n ; /metadata/name ; x
            after a tag ; metadata: !!map\\t\\n  name: x\\n ; /metadata/name ; x
            after a document marker ; metadata:\\n  name: x\\n---\\t\\na: 1\\n ; /metadata/name ; x
            with Windows line ends ; metadata:\\t\\r\\n  name: x \\t\\r\\n ; /metadata/name ; x
            """)
    void aTabIsReadWhereGoYamlReadsIt(String where, String yaml, String pointer, String expected) {
        var body = Yaml.readDocuments(HEAD + unescape(yaml), "tab.yaml").get(0).body();

        assertThat(body.at(pointer).asText()).isEqualTo(unescape(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            indenting a key ; metadata:\\n\\tname: x\\n ; 4
            after a block sequence entry ; data:\\n  s:\\n  -\\tx\\n ; 5
            after a complex-key value ; data:\\n  ? a\\n  :\\tb\\n ; 5
            on a line of blanks ; metadata:\\n  name: x\\n  \\t\\n ; 5
            """)
    void aTabIsRefusedWhereGoYamlRefusesIt(String where, String yaml, int line) {
        assertThatThrownBy(() -> Yaml.readDocuments(HEAD + unescape(yaml), "tab.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("tab.yaml:" + line + ": malformed YAML");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            a tab in a quoted value ; a: "x\\ty"\\n ; x\\ty
            an escaped t ; a: "x\\\\ty"\\n ; x\\ty
            a tab in a literal block ; a: |\\n  x\\ty\\t\\n ; x\\ty\\t\\n
            """)
    void aTabThatIsContentIsKept(String what, String yaml, String expected) {
        assertThat(Yaml.readValue(unescape(yaml), "c.yaml").get("a").asText()).isEqualTo(unescape(expected));
    }

    /**
     * go-yaml also reads a backslash followed by a tab in a double-quoted value as a tab; SnakeYAML
     * does not know that escape, and it is refused clearly (write {@code \t}).
     */
    @Test
    void aBackslashBeforeATabInQuotesIsRefusedClearly() {
        assertThatThrownBy(() -> Yaml.readValue("a: \"x\\\ty\"\n", "e.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("e.yaml:1: malformed YAML: found unknown escape character");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            JSON indented with tabs ; {\\n\\t"kind": "ConfigMap",\\n\\t"metadata": {\\n\\t\\t"name": "j"\\n\\t}\\n}\\n
            two JSON objects in a row ; {"kind": "ConfigMap", "metadata": {"name": "j"}}\\n{"kind": "X"}\\n
            """)
    void jsonIsReadAsKubectlReadsIt(String what, String json) {
        var documents = Yaml.readDocuments(unescape(json), "cm.json");

        assertThat(documents.get(0).body().at("/metadata/name").asText()).isEqualTo("j");
    }

    /** {@code \n}, {@code \t} and {@code \\} as in Java. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
