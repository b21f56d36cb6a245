package io.gitops4j.diff.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.YamlReader;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: arbitrary or mutated YAML given to every reader ends in documents or a
 * {@code ManifestException}, never another exception, a hang or an {@code OutOfMemoryError}; what
 * was read can always be written back.
 */
class YamlReaderFuzzTest {

    private static final YamlReader[] READERS = {YamlReader.defaults(), YamlReader.kubectl(), YamlReader.kyaml()};

    @Test
    void readersReturnDocumentsOrAManifestException() {
        FuzzRun.run("yaml-reader", 3_000, 12L, YamlInputs::any, YamlReaderFuzzTest::readAll);
    }

    @Test
    void jsonLikeInputIsHandledToo() {
        FuzzRun.run("yaml-reader-json", 1_000, 17L,
                random -> YamlInputs.mutate(random, YamlInputs.SEEDS.get(2)), YamlReaderFuzzTest::readAll);
    }

    /** Reads with every reader; a {@code ManifestException} is a correct answer. */
    private static void readAll(String input) {
        for (YamlReader reader : READERS) {
            try {
                for (YamlDocument document : reader.readDocuments(input, "fuzz.yaml")) {
                    Yaml.write(document.body());
                }
            } catch (ManifestException refused) {
                assertThat(refused.getMessage()).startsWith("fuzz.yaml");
            }
        }
        YamlReader.defaults().readValue(input, "fuzz.yaml");
    }
}
