package io.gitops4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The line of an unknown field, and the document's line where it cannot be told. */
class FieldLinesTest {

    private static final String APP = """
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: shop}
            spec:
              source: {repoURL: https://example.com/repo.git}
              syncPolicy:
                automated:
                  prunee: true
            """;

    @Test
    void keysOfTheDocumentStartingAtTheLineAreFoundByTheirPath() {
        String two = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" + APP;

        assertThat(FieldLines.of(two, 5)).containsEntry("spec.syncPolicy.automated.prunee", 12)
                .containsEntry("spec.source.repoURL", 9).doesNotContainKey("data");
    }

    @Test
    void aFieldPastTheLimitIsWarnedOfAtItsDocumentsLine() {
        String padding = "      padding: \"" + "x".repeat(FieldLines.MAX_CHARS) + "\"\n";
        String big = APP.replace("    automated:\n", "    automated:\n" + padding);

        List<ApplicationWarning> warnings = Applications.readOne(big, "big.yaml").warnings();

        assertThat(warnings).extracting(ApplicationWarning::field, ApplicationWarning::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.syncPolicy.automated.padding", 9),
                org.assertj.core.groups.Tuple.tuple("spec.syncPolicy.automated.prunee", 2));
    }

    @Test
    void textSnakeYamlCannotReadLeavesTheDocumentsLine() {
        // go-yaml (and so the reader) accepts a tab after a key with a nested mapping, SnakeYAML does not
        String tabbed = APP.replace("    automated:\n", "    automated:\t\n");

        List<ApplicationWarning> warnings = Applications.readOne(tabbed, "tabs.yaml").warnings();

        assertThat(warnings).extracting(ApplicationWarning::line).containsExactly(2);
    }
}
