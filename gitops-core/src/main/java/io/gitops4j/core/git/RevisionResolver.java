package io.gitops4j.core.git;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Resolves a {@code targetRevision} against what {@code ls-remote} advertised, in Argo CD's order:
 * <ol>
 * <li>a full 40-hex commit SHA is itself, without asking the remote;
 * <li>empty means {@code HEAD}; a semantic version constraint selects a tag ({@link SemverTags});
 * <li>a ref: a full name ({@code refs/heads/main}) matches that ref only; a short name matches
 *     {@code HEAD}, then {@code refs/heads/}, {@code refs/tags/}, {@code refs/remotes/}, then
 *     any other ref whose name after {@code refs/} it is ({@code pull/1/head}). Argo CD does not
 *     say which wins when a branch and a tag share a name; here the branch does;
 * <li>7 or more hex digits that name no ref are an abbreviated SHA, looked up in the mirror.
 * </ol>
 */
final class RevisionResolver {

    static final String REMOTE_HEAD = "refs/remotes/origin/HEAD";
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern ABBREVIATED_SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final String[] SHORT_NAME_PREFIXES = {"refs/heads/", "refs/tags/", "refs/remotes/"};

    /** What a revision resolves to before anything is fetched. */
    enum Kind { COMMIT, ABBREVIATED, NOT_FOUND }

    /**
     * @param kind what was found
     * @param value the object id for {@link Kind#COMMIT} (a tag object when {@code peel}), the
     *     hex prefix for {@link Kind#ABBREVIATED}
     * @param refName the remote ref it came from, or empty for a SHA
     * @param peel whether the object may be an annotated tag the server did not peel
     * @param note for {@link Kind#NOT_FOUND}, why a semantic version constraint selected nothing
     */
    record Resolution(Kind kind, String value, String refName, boolean peel, String note) {
    }

    private RevisionResolver() {
    }

    static boolean isFullSha(String revision) {
        return FULL_SHA.matcher(revision).matches();
    }

    static boolean isAbbreviatedSha(String revision) {
        return ABBREVIATED_SHA.matcher(revision).matches();
    }

    /** A full SHA without any remote round trip. */
    static Resolution sha(String revision) {
        return new Resolution(Kind.COMMIT, revision.toLowerCase(Locale.ROOT), "", false, "");
    }

    static Resolution resolve(String targetRevision, RemoteRefs refs) {
        if (isFullSha(targetRevision)) {
            return sha(targetRevision);
        }
        String revision = targetRevision.isEmpty() ? "HEAD" : targetRevision;
        SemverTags.Selection selection = SemverTags.select(revision, refs.tagNames());
        if (selection.tag().isPresent()) {
            return found(refs.get("refs/tags/" + selection.tag().get()).orElseThrow(), refs);
        }
        Optional<RemoteRefs.RemoteRef> ref = literal(revision, refs);
        if (ref.isPresent()) {
            return found(ref.get(), refs);
        }
        if (isAbbreviatedSha(revision)) {
            return new Resolution(Kind.ABBREVIATED, revision.toLowerCase(Locale.ROOT), "", false, "");
        }
        return new Resolution(Kind.NOT_FOUND, "", "", false, selection.note());
    }

    private static Optional<RemoteRefs.RemoteRef> literal(String revision, RemoteRefs refs) {
        Optional<RemoteRefs.RemoteRef> exact = refs.get(revision);
        if (exact.isPresent() || revision.startsWith("refs/")) {
            return exact;
        }
        for (String prefix : SHORT_NAME_PREFIXES) {
            Optional<RemoteRefs.RemoteRef> ref = refs.get(prefix + revision);
            if (ref.isPresent()) {
                return ref;
            }
        }
        return refs.refs().values().stream().filter(r -> shortName(r.name()).equals(revision)).findFirst();
    }

    /** The name Git prints for a ref: without {@code refs/heads/}, {@code refs/tags/}, {@code refs/remotes/} or {@code refs/}. */
    static String shortName(String refName) {
        for (String prefix : SHORT_NAME_PREFIXES) {
            if (refName.startsWith(prefix)) {
                return refName.substring(prefix.length());
            }
        }
        return refName.startsWith("refs/") ? refName.substring("refs/".length()) : refName;
    }

    private static Resolution found(RemoteRefs.RemoteRef ref, RemoteRefs refs) {
        if (ref.target().isPresent() && ref.objectId().isEmpty()) {
            Optional<RemoteRefs.RemoteRef> target = refs.get(ref.target().get());
            if (target.isPresent()) {
                return new Resolution(Kind.COMMIT, target.get().commitId(), ref.name(), target.get().mayNeedPeeling(), "");
            }
            return new Resolution(Kind.NOT_FOUND, "", "", false, ref.name() + " points to " + ref.target().get()
                    + ", which the remote does not advertise");
        }
        return new Resolution(Kind.COMMIT, ref.commitId(), ref.name(), ref.mayNeedPeeling(), "");
    }

    /** The commit an abbreviated SHA names in the mirror, if exactly one does. */
    static Optional<ObjectId> abbreviated(Repository repository, String prefix) throws IOException {
        try {
            return Optional.ofNullable(repository.resolve(prefix + "^{commit}"));
        } catch (RevisionSyntaxException | AmbiguousObjectException | IncorrectObjectTypeException
                | MissingObjectException e) {
            return Optional.empty();
        }
    }
}
