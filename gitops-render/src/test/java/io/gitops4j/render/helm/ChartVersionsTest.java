package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.kube.semver.VersionConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart version Helm picks for a {@code targetRevision} or a dependency's {@code version} among
 * those a repository offers (the constraints themselves: {@code io.gitops4j.kube.semver}).
 */
class ChartVersionsTest {

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
}
