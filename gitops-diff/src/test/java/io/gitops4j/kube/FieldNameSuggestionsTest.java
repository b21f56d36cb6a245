package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNameSuggestionsTest {

    private static final List<String> SYNC_POLICY = List.of("automated", "syncOptions", "retry", "managedNamespaceMetadata");

    @Test
    void aMisspellingSuggestsTheFieldItMeant() {
        assertThat(FieldNameSuggestions.nearest("automatd", SYNC_POLICY)).contains("automated");
        assertThat(FieldNameSuggestions.nearest("retyr", SYNC_POLICY)).contains("retry");
    }

    @Test
    void letterCaseIsNotAnEdit() {
        assertThat(FieldNameSuggestions.nearest("syncoptions", SYNC_POLICY)).contains("syncOptions");
    }

    @Test
    void aNameMoreThanTwoEditsAwaySuggestsNothing() {
        assertThat(FieldNameSuggestions.nearest("selfHeal", SYNC_POLICY)).isEmpty();
        assertThat(FieldNameSuggestions.nearest("x", List.of())).isEmpty();
    }

    @Test
    void theClosestWinsThenTheAlphabeticallyFirst() {
        assertThat(FieldNameSuggestions.nearest("path", List.of("paths", "patch", "pat"))).contains("pat");
        assertThat(FieldNameSuggestions.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
