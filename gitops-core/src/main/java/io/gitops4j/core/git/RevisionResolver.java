package io.gitops4j.core.git;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Resolves a {@code targetRevision} to a commit in a fetched mirror, in Argo CD's order:
 * {@code HEAD} (or empty) is the remote's default branch; then a full ref name, a branch, a tag
 * (annotated tags peeled to their commit); then a commit SHA, abbreviated or full.
 */
final class RevisionResolver {

    static final String REMOTE_HEAD = "refs/remotes/origin/HEAD";
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{4,40}");

    private RevisionResolver() {
    }

    static Optional<ObjectId> resolve(Repository repository, String revision) throws IOException {
        if (revision.isEmpty() || revision.equals("HEAD")) {
            return commitOf(repository, REMOTE_HEAD);
        }
        for (String ref : new String[] {revision, "refs/heads/" + revision, "refs/tags/" + revision}) {
            if (ref.startsWith("refs/") && repository.exactRef(ref) != null) {
                return commitOf(repository, ref);
            }
        }
        if (looksLikeSha(revision)) {
            try {
                return Optional.ofNullable(repository.resolve(revision + "^{commit}"));
            } catch (RevisionSyntaxException | AmbiguousObjectException | IncorrectObjectTypeException
                    | MissingObjectException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean looksLikeSha(String revision) {
        return SHA.matcher(revision).matches();
    }

    private static Optional<ObjectId> commitOf(Repository repository, String refName) throws IOException {
        Ref ref = repository.exactRef(refName);
        if (ref == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(repository.resolve(ref.getName() + "^{commit}"));
    }
}
