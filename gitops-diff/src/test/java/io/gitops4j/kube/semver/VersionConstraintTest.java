package io.gitops4j.kube.semver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Constraints mean what they mean to Masterminds/semver v3, which Argo CD resolves targetRevision with. */
class VersionConstraintTest {

    static Stream<Arguments> mastermindsCases() throws IOException {
        try (InputStream in = VersionConstraintTest.class.getResourceAsStream("/semver/constraints.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            return lines.stream().map(l -> l.split("\t")).map(f -> Arguments.of(f[0], f[1], Boolean.parseBoolean(f[2])));
        }
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("mastermindsCases")
    void satisfiesAsMastermindsDoes(String constraint, String version, boolean expected) {
        VersionConstraint parsed = VersionConstraint.parse(constraint).orElseThrow(() -> new AssertionError("not a constraint"));
        SemanticVersion v = SemanticVersion.parse(version).orElseThrow(() -> new AssertionError("not a version"));

        assertThat(parsed.test(v)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {">= 1.1", ">40.50.60, < 50.70", "2.0", "v2.3.5-20161202202307-sha.e8fc5e5", ">= 1.2.3 < 2.0",
        ">= 1.2.3 < 2.0 || => 3.0 < 4", ">= 1.2.3, < 2.0 || => 3.0, < 4", "3 - 4 || => 3.0, < 4", "12.3.34 ~1.2.3",
        "1.0.0 - 2.0.0, <=2.0.0", "*", "= 0.5.3", "> 0.5.3", ">0.5.0,<0.7.0", "0.7.*", "~1.4", "^1.2", "v1.x", "*-0"})
    void constraints(String text) {
        assertThat(VersionConstraint.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {">= bar", "BAR >= 1.2.3", "12.3.4.1234", "12.23.4.1234", "12.3.34.1234", "12.3.34~ 1.2.3",
        "main", "release/1.x", "", "a || ", "HEAD", "deadbeef", "1|2", ">1.0.0<2.0.0"})
    void notConstraints(String text) {
        assertThat(VersionConstraint.parse(text)).isEmpty();
    }

    @Test
    void hyphenRangesAreInclusiveAndAndWithTheRest() {
        VersionConstraint range = VersionConstraint.parse("1.0.0 - 2.0.0 <=1.5.0").orElseThrow();

        assertThat(range.test(SemanticVersion.parse("1.5.0").orElseThrow())).isTrue();
        assertThat(range.test(SemanticVersion.parse("1.6.0").orElseThrow())).isFalse();
        assertThat(range.test(SemanticVersion.parse("0.9.0").orElseThrow())).isFalse();
    }

    @Test
    void versionsAreReadLooselyAsArgoCdReadsTags() {
        assertThat(SemanticVersion.parse("v1").orElseThrow().canonical()).isEqualTo("1.0.0");
        assertThat(SemanticVersion.parse("1.2").orElseThrow().canonical()).isEqualTo("1.2.0");
        assertThat(SemanticVersion.parse("2024-apple").orElseThrow().canonical()).isEqualTo("2024.0.0-apple");
        assertThat(SemanticVersion.parse("01.002.3+build.7").orElseThrow().canonical()).isEqualTo("1.2.3");
        assertThat(SemanticVersion.parse("V1.0.0")).isEmpty();
        assertThat(SemanticVersion.parse("1.0.0.0")).isEmpty();
        assertThat(SemanticVersion.read("1.0.0-01").kind()).isEqualTo(SemanticVersion.Kind.INVALID);
        assertThat(SemanticVersion.read("99999999999999999999").kind()).isEqualTo(SemanticVersion.Kind.INVALID);
    }

    @Test
    void preReleasesSortBeforeTheirReleaseAndPartByPart() {
        List<String> sorted = Stream.of("1.0.0", "1.0.0-rc.1", "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-beta", "1.0.0-alpha.1",
                "1.0.0-alpha", "0.9.9", "18446744073709551615.0.0")
                .map(v -> SemanticVersion.parse(v).orElseThrow()).sorted().map(SemanticVersion::original).toList();

        assertThat(sorted).containsExactly("0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "18446744073709551615.0.0");
    }

    @ParameterizedTest(name = "''{0}'' accepts {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "*;1.2.3;true", "~0.0.0;1.2.3;true", "0.x.x;1.2.3;false", "0.0.0;1.2.3;false", "^0.0.0;1.2.3;false",
        "= 2.0;2.0.0;true", "= 2.0;1.2.3;false", "4.1;4.1.0;true", "4.1;4.1.7;true", "4.1.x;4.1.3;true", "1.x;1.4;true",
        "!=4.1;4.1.0;false", "!=4.1-alpha;4.1.0-alpha;false", "!=4.1-alpha;4.1.0;true", "!=4.x;5.1.0;true",
        "!=4.x;4.1.0;false", "!=4.2.x;4.2.3;false", ">1.1;4.1.0;true", ">1.1;1.1.0;false", "<1.1;1.1.1;false",
        "<1.x;0.1.1;true", "<1.x;1.1.1;false", "<1.1.x;1.0.500;true", "<1.1.x;1.1.500;false", ">=1.1;4.1.0-beta;false",
        ">=1.1;1.1.0;true", "<=1.1;0.1.0-alpha;false", "<=1.1-a;0.1.0-alpha;true", "<=1.1;1.1.1;true",
        "<=1.1.x;1.2.500;false", "<=2.x;3.0.0;false", ">1.1, <2;1.2.1;true", ">1.1 <2;1.1.1;false",
        ">=1.1 <2 !=1.2.3 || > 3;4.1.2;true", ">=1.1 <2 !=1.2.3 || > 3;3.0.0;false",
        ">=1.1, <2, !=1.2.3 || >= 3;3.0.0;true", ">= 1.0.0  <= 2.0.0-beta;1.0.1-beta;true",
        ">= 1.0.0  <= 2.0.0-beta || > 3;3.0.1-beta;false", ">= 1.0.0-0  <= 2.0.0;1.0.1-beta;true",
        "1.1 - 2;1.1.1;true", "1.5.0 - 4.5;3.7.0;true", "1.1-3;4.3.2;false", "^1.1;1.1.1;true", "^1.1;4.3.2;false",
        "^1.x;1.1.1-beta1;false", "^1.1.2-alpha;1.2.1-beta1;true", "^0.0.1;0.3.1;false", "^0.2.3;0.2.9;true",
        "^0.2.3;0.3.0;false", "~*;2.1.1;true", "~1;1.3.5;true", "~1;2.1.1;false", "~1.1;1.1.1-alpha;false",
        "~1.1-alpha;1.1.1-beta;true", "~1.1.1-beta;1.1.1;true", "~1.2.3;1.2.5;true", "~1.2.3;1.3.2;false",
        "1.0.0 - 2.0.0, <=2.0.0;1.5.0;true", "v1.2.3;1.2.3;true", "1.2.*;1.2.9;true", "1.2.*;1.3.0;false",
        ">=0.1.0;0.2.0;true", "~> 18.0;18.0.9;true", "~> 18.0;18.4.1;false",
    })
    void chartVersionsAsHelmsMastermindsSemverReadsThem(String constraint, String version, boolean accepted) {
        assertThat(VersionConstraint.parse(constraint)).hasValueSatisfying(c ->
                assertThat(c.test(SemanticVersion.parse(version).orElseThrow())).isEqualTo(accepted));
    }

    @Test
    void preReleasesAreOrderedAsSemverOrdersThem() {
        List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        for (int i = 1; i < ordered.size(); i++) {
            assertThat(SemanticVersion.parse(ordered.get(i - 1)).orElseThrow())
                    .isLessThan(SemanticVersion.parse(ordered.get(i)).orElseThrow());
        }
    }
}
