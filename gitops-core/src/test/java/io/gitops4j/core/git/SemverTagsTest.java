package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Argo CD's {@code versions.MaxVersion} cases (util/versions/tags_test.go), without a tag prefix. */
class SemverTagsTest {

    private static final List<String> TAGS = List.of("0.5.0", "0.5.1", "0.5.2", "0.5.3", "0.5.4", "0.7.1", "0.7.2",
            "2024.03-LTS-RC19");

    @Test
    void anExactVersionIsAPinLookedUpLiterally() {
        assertThat(select("0.5.3", TAGS)).isEmpty();
        assertThat(select("2024.03-LTS-RC19", TAGS)).isEmpty();
        assertThat(select("99.99", List.of())).isEmpty();
        assertThat(SemverTags.select("99.99", List.of()).note()).isEmpty();
    }

    @Test
    void aConstraintSelectsTheHighestMatchingTag() {
        assertThat(select("> 0.5.3", TAGS)).contains("0.7.2");
        assertThat(select("> 0.0.0", TAGS)).contains("0.7.2");
        assertThat(select(">0.5.0,<0.7.0", TAGS)).contains("0.5.4");
        assertThat(select("0.7.*", TAGS)).contains("0.7.2");
        assertThat(select("*", TAGS)).contains("0.7.2");
    }

    @Test
    void aConstraintNothingMatchesSaysSo() {
        SemverTags.Selection none = SemverTags.select("0.7.*", List.of());

        assertThat(none.tag()).isEmpty();
        assertThat(none.note()).isEqualTo("no tag matches the semantic version constraint '0.7.*' (0 tags)");
    }

    @Test
    void preReleasesOnlyWhenTheConstraintNamesOne() {
        List<String> tags = List.of("1.0.2-20260309-192056-549", "1.0.2-20260309-193104-150", "latest", "1.0.1");

        assertThat(select("*", tags)).contains("1.0.1");
        assertThat(select("*-0", tags)).contains("1.0.2-20260309-193104-150");
    }

    @Test
    void anInvalidVersionLikeTagStopsTheConstraintAsInArgoCd() {
        SemverTags.Selection selection = SemverTags.select(">= 1.0", List.of("1.0.0", "1.1.0-01"));

        assertThat(selection.tag()).isEmpty();
        assertThat(selection.note()).contains("the tag '1.1.0-01' is not a valid semantic version");
    }

    @Test
    void namesThatAreNeitherVersionsNorConstraintsAreLiteral() {
        assertThat(SemverTags.select("main", TAGS)).isEqualTo(new SemverTags.Selection(Optional.empty(), ""));
        assertThat(SemverTags.select("feature/x", TAGS).note()).isEmpty();
    }

    private static Optional<String> select(String revision, List<String> tags) {
        return SemverTags.select(revision, tags).tag();
    }
}
