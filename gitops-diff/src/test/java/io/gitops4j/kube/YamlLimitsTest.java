package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every limit of {@link YamlLimits} holds, and exceeding one names the source, the line, the
 * limit and how to raise it (issue 12: bounded everything).
 */
class YamlLimitsTest {

    private static final YamlLimits SMALL = YamlLimits.defaults();

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(YamlLimits.defaults()).isEqualTo(new YamlLimits(64 << 20, 5 << 20, 3 << 20, 1_000, 400_000));
    }

    @Test
    void inputSize() {
        String yaml = "a: 1\nb: 2\nc: 3\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "in.yaml", SMALL.withMaxInputSize(7)))
                .isInstanceOf(ManifestException.class)
                .hasMessage("in.yaml:2: the YAML text is longer than 7 characters (YamlLimits.maxInputSize);"
                        + " if the input is trusted, raise the limit with"
                        + " YamlLimits.defaults().withMaxInputSize(...)");
        assertThat(Yaml.readDocuments(yaml, "in.yaml", SMALL.withMaxInputSize(yaml.length()))).hasSize(1);
    }

    @Test
    void documentSize() {
        String yaml = "a: 1\n---\nb: 1234567890\nc: 1234567890\nd: 1234567890\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "doc.yaml", SMALL.withMaxDocumentSize(30)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("doc.yaml:5: a YAML document is larger than 30 characters"
                        + " (YamlLimits.maxDocumentSize)")
                .hasMessageContaining("withMaxDocumentSize(...)");
        assertThat(Yaml.readDocuments(yaml, "doc.yaml", SMALL.withMaxDocumentSize(50))).hasSize(2);
    }

    @Test
    void documentSizeCountsWhatAliasesRepeat() {
        String yaml = "a: &x " + "v".repeat(40) + "\nb: *x\nc: *x\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "doc.yaml", SMALL.withMaxDocumentSize(100)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("doc.yaml:3: a YAML document expands through aliases to more than 100"
                        + " characters (YamlLimits.maxDocumentSize)");
    }

    @Test
    void scalarSize() {
        String yaml = "short: ok\nlong: |\n  " + "x".repeat(50) + "\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "s.yaml", SMALL.withMaxScalarSize(20)))
                .isInstanceOf(ManifestException.class)
                .hasMessage("s.yaml:2: a scalar is longer than 20 characters (YamlLimits.maxScalarSize);"
                        + " if the input is trusted, raise the limit with"
                        + " YamlLimits.defaults().withMaxScalarSize(...)");
        assertThat(Yaml.readDocuments(yaml, "s.yaml", SMALL.withMaxScalarSize(51)).get(0).body().get("long")
                .asText()).hasSize(51);
    }

    @Test
    void depth() {
        String yaml = "a:\n  b:\n    c:\n      d: [[1]]\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "deep.yaml", SMALL.withMaxDepth(4)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("deep.yaml:4: the YAML nests mappings and sequences deeper than 4 levels"
                        + " (YamlLimits.maxDepth)");
        assertThat(Yaml.readDocuments(yaml, "deep.yaml", SMALL.withMaxDepth(6))).hasSize(1);
    }

    @Test
    void theDefaultDepthStopsAFlowSequenceBomb() {
        String yaml = "a: " + "[".repeat(100_000);

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "bomb.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("deeper than 1,000 levels");
    }

    @Test
    void depthCountsWhatAnAliasNests() {
        String yaml = "a: &x {b: {c: 1}}\nd:\n  e:\n    f: *x\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "deep.yaml", SMALL.withMaxDepth(4)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("deep.yaml:4: an alias nests mappings and sequences deeper than 4 levels");
    }

    @Test
    void aliasExpansionStopsABillionLaughs() {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(p);
            yaml.append((", *" + p).repeat(9)).append("]\n");
        }

        assertThatThrownBy(() -> Yaml.readDocuments(yaml.toString(), "laughs.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("aliases expand to more than 400,000 nodes (YamlLimits.maxAliasExpansion)")
                .hasMessageContaining("withMaxAliasExpansion(...)");
    }

    @Test
    void aliasExpansionCountsNodesNotAliases() {
        String yaml = "a: &a {b: 1, c: 2, d: 3}\ne: *a\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "a.yaml", SMALL.withMaxAliasExpansion(3)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("a.yaml:2: aliases expand to more than 3 nodes");
        assertThat(Yaml.readDocuments(yaml, "a.yaml", SMALL.withMaxAliasExpansion(4))).hasSize(1);
    }

    @Test
    void aliasExpansionIsCountedAcrossDocuments() {
        String yaml = "a: &a {b: 1}\nc: *a\n---\na: &a {b: 1}\nc: *a\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "a.yaml", SMALL.withMaxAliasExpansion(3)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("a.yaml:5: aliases expand to more than 3 nodes");
    }

    @Test
    void limitsHoldForJsonToo() {
        assertThatThrownBy(() -> Yaml.readDocuments("{\"a\": [[[1]]]}", "a.json", SMALL.withMaxDepth(3)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("a.json:1: the JSON nests objects and arrays deeper than 3 levels");
        assertThatThrownBy(() -> Yaml.readDocuments("{\"a\": \"12345\"}", "a.json", SMALL.withMaxScalarSize(4)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("a.json:1: a JSON string is longer than 4 characters");
        assertThatThrownBy(() -> Yaml.readDocuments("{\"a\": \"12345\"}\n", "a.json", SMALL.withMaxDocumentSize(5)))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("a.json:1: a JSON document is larger than 5 characters");
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> SMALL.withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SMALL.withMaxAliasExpansion(0).maxAliasExpansion()).isZero();
    }

    /**
     * Issue 12, item 8: a 16 MB scalar took 51 s and 50 MB ran past five minutes, because
     * SnakeYAML's reader copied its window for every 1,024 characters of one token. The time limit
     * only guards against a hang; the speed is measured by {@code YamlReadBenchmark}.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLargeScalarIsReadInOnePass() {
        String blob = "abcdefghijklmnopqrstuvwxyz".repeat(32 << 20 >> 4 >> 1);
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: " + blob + "\n";
        YamlLimits raised = SMALL.withMaxScalarSize(Integer.MAX_VALUE).withMaxDocumentSize(Integer.MAX_VALUE);

        var documents = Yaml.readDocuments(yaml, "big.yaml", raised);

        assertThat(documents.get(0).body().at("/data/blob").asText()).isEqualTo(blob);
    }

    @Test
    void aLargeScalarOverTheDefaultsFailsAtOnce() {
        String yaml = "data:\n  blob: " + "x".repeat(16 << 20) + "\n";

        assertThatThrownBy(() -> Yaml.readDocuments(yaml, "big.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("big.yaml:2: a YAML document is larger than 5,242,880 characters");
    }
}
