package io.gitops4j.render.helm;

import io.gitops4j.kube.semver.SemanticVersion;
import io.gitops4j.kube.semver.VersionConstraint;
import java.util.Optional;

/**
 * Which chart version a {@code targetRevision} or a dependency's {@code version} asks for, among
 * the versions a repository offers, as Helm picks it: a constraint ({@link VersionConstraint}:
 * exact versions, {@code ^1.2.0}, {@code ~1.2}, {@code >=1.0 <2.0}, {@code 1.2.*}, ...) accepts
 * versions, and the highest accepted wins; an empty request takes the newest release (no
 * pre-release). Offered versions that are not semantic versions are left out.
 */
final class ChartVersions {

    private ChartVersions() {
    }

    /**
     * Whether {@code wanted} names one version to fetch as it is (as Argo CD and Helm fetch an OCI
     * tag without listing tags): a version, or text that is no constraint at all (a literal tag).
     */
    static boolean isExact(String wanted) {
        return !wanted.isEmpty() && (SemanticVersion.parse(wanted).isPresent()
                || VersionConstraint.parse(wanted).isEmpty());
    }

    /**
     * The highest of {@code candidates} that {@code wanted} accepts (as it was offered).
     *
     * @param what what is asked for, for messages ({@code chart 'web' in https://...})
     * @throws HelmException when {@code wanted} is neither empty nor a constraint
     */
    static Optional<String> best(Iterable<String> candidates, String wanted, String what) {
        VersionConstraint constraint = wanted.isBlank() ? null : VersionConstraint.parse(wanted)
                .orElseThrow(() -> new HelmException("the version '" + wanted + "' of " + what + " is not a version or a version constraint "
                        + "(such as 1.2.3, ^1.2.0, ~1.2, >=1.0.0 <2.0.0, 1.2.*)"));
        SemanticVersion best = null;
        for (String candidate : candidates) {
            Optional<SemanticVersion> version = SemanticVersion.parse(candidate);
            if (version.isEmpty()) {
                continue;
            }
            boolean accepted = constraint == null ? !version.get().isPreRelease() : constraint.test(version.get());
            if (accepted && (best == null || version.get().compareTo(best) > 0)) {
                best = version.get();
            }
        }
        return Optional.ofNullable(best).map(SemanticVersion::original);
    }
}
