package io.gitops4j.render.helm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which chart version a {@code targetRevision} asks for, among the versions a repository offers:
 * an exact version, a {@code 1.2.*} style wildcard, or the newest release (no pre-release) when
 * empty; the highest matching version wins.
 */
final class ChartVersions {

    private ChartVersions() {
    }

    /** Whether {@code wanted} names one version (no wildcard, not empty). */
    static boolean isExact(String wanted) {
        return !wanted.isEmpty() && !wanted.contains("*");
    }

    /** The highest of {@code candidates} that {@code wanted} accepts. */
    static Optional<String> best(Iterable<String> candidates, String wanted) {
        Pattern pattern = wanted.isEmpty() ? null
                : Pattern.compile("^v?" + Pattern.quote(wanted.replaceFirst("^v", "")).replace("*", "\\E[^.]+\\Q") + "$");
        String best = null;
        for (String candidate : candidates) {
            if (pattern != null ? !pattern.matcher(candidate).matches() : candidate.contains("-")) {
                continue;
            }
            if (best == null || HelmChartRepository.SemanticVersion.compare(candidate, best) > 0) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
