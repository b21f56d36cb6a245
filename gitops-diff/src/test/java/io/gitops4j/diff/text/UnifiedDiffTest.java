package io.gitops4j.diff.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void showsChangedLinesWithContextUnderHeaders() {
        String diff = UnifiedDiff.between("live", "a: 1\nb: 2\nc: 3\n", "desired", "a: 1\nb: 5\nc: 3\n");

        assertThat(diff).isEqualTo("--- live\n+++ desired\n@@ -1,3 +1,3 @@\n a: 1\n-b: 2\n+b: 5\n c: 3\n");
        assertThat(UnifiedDiff.between("live", "a: 1\n", "desired", "a: 1\n")).isEmpty();
    }
}
