package io.gitops4j.core.git;

import io.gitops4j.kube.semver.SemanticVersion;
import io.gitops4j.kube.semver.VersionConstraint;
import java.util.Collection;
import java.util.Optional;

/**
 * Picks the tag a {@code targetRevision} means when it is a semantic version constraint, as
 * Argo CD does before it looks the revision up among the remote's refs:
 * <ul>
 * <li>a revision that is itself a version ({@code v1.2.3}, {@code 1.2}, even {@code 2024-apple})
 *     is a pin, looked up literally, never a constraint;
 * <li>a revision that is not a constraint either ({@code main}, {@code release/1.x}) is literal;
 * <li>a constraint ({@code 1.2.*}, {@code >=1.0.0 <2.0.0}, {@code ~1.4}, {@code ^1.2}) selects
 *     the highest tag that is a version and satisfies it; tags that are not versions are
 *     skipped; pre-releases count only when the constraint names one. When no tag satisfies it
 *     (or a tag is version-like but invalid, which makes Masterminds give up), the revision is
 *     looked up literally after all, and the reason is kept for the error message.
 * </ul>
 * Among equal versions ({@code v1.0} and {@code v1.0.0}) the first tag in name order wins.
 */
final class SemverTags {

    /**
     * What the revision selects.
     *
     * @param tag the tag name to use, when a constraint selected one
     * @param note why no tag was selected for a constraint, or empty
     */
    record Selection(Optional<String> tag, String note) {
    }

    private SemverTags() {
    }

    /**
     * @param revision the {@code targetRevision}
     * @param tags the short names of the remote's tags, in name order
     */
    static Selection select(String revision, Collection<String> tags) {
        if (SemanticVersion.parse(revision).isPresent()) {
            return new Selection(Optional.empty(), "");
        }
        Optional<VersionConstraint> constraint = VersionConstraint.parse(revision);
        if (constraint.isEmpty()) {
            return new Selection(Optional.empty(), "");
        }
        SemanticVersion best = null;
        String bestTag = null;
        for (String tag : tags) {
            SemanticVersion.Reading reading = SemanticVersion.read(tag);
            if (reading.kind() == SemanticVersion.Kind.INVALID) {
                return new Selection(Optional.empty(), "the tag '" + tag + "' is not a valid semantic version ("
                        + reading.problem() + "), so the constraint cannot be resolved, as in Argo CD; rename or delete the tag");
            }
            Optional<SemanticVersion> version = reading.version();
            if (version.isPresent() && constraint.get().test(version.get())
                    && (best == null || version.get().compareTo(best) > 0)) {
                best = version.get();
                bestTag = tag;
            }
        }
        if (bestTag == null) {
            return new Selection(Optional.empty(), "no tag matches the semantic version constraint '" + revision
                    + "' (" + tags.size() + " tags)");
        }
        return new Selection(Optional.of(bestTag), "");
    }
}
