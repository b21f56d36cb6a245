package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Version constraints as Helm's Masterminds semver reads them in {@code Chart.yaml} dependencies and
 * as Argo CD reads a chart's {@code targetRevision}; the expectations are what
 * {@code semver.NewConstraint(c).Check(semver.NewVersion(v))} answers.
 */
class VersionConstraintTest {

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
    void acceptsAsMastermindsSemverDoes(String constraint, String version, boolean accepted) {
        assertThat(VersionConstraint.parse(constraint)).hasValueSatisfying(c ->
                assertThat(c.accepts(SemanticVersion.parse(version).orElseThrow())).isEqualTo(accepted));
    }

    @Test
    void textThatIsNoConstraintIsNone() {
        assertThat(VersionConstraint.parse("")).isEmpty();
        assertThat(VersionConstraint.parse("latest")).isEmpty();
        assertThat(VersionConstraint.parse(">=1.0 <<2")).isEmpty();
    }

    @Test
    void theHighestAcceptedVersionWinsAndPreReleasesOnlyWhenAskedFor() {
        List<String> offered = List.of("1.2.3", "v1.10.0", "1.9.9", "2.0.0-rc.1", "not-a-version", "1.10.0-beta.2");

        assertThat(ChartVersions.best(offered, "^1.2.0", "chart web")).hasValue("v1.10.0");
        assertThat(ChartVersions.best(offered, "~1.9", "chart web")).hasValue("1.9.9");
        assertThat(ChartVersions.best(offered, "", "chart web")).hasValue("v1.10.0");
        assertThat(ChartVersions.best(offered, ">=2.0.0-0", "chart web")).hasValue("2.0.0-rc.1");
        assertThat(ChartVersions.best(offered, ">3", "chart web")).isEmpty();
        assertThatThrownBy(() -> ChartVersions.best(offered, "latest!", "chart web"))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("the version 'latest!' of chart web is not a version or a version constraint");
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
