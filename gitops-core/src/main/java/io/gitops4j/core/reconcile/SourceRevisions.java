package io.gitops4j.core.reconcile;

import java.util.Arrays;
import java.util.List;

/**
 * The one revision string of an application with several sources: the revision of each source,
 * in the order of {@code spec.sources}, joined by {@code ,} (commits and chart versions hold no
 * comma). The engine compares, records and syncs it as it does a single source's commit, so a new
 * commit in any source is a new revision for automated sync; the list itself is kept beside it, as
 * Argo CD's {@code status.sync.revisions}.
 */
public final class SourceRevisions {

    /** What separates the revisions of the sources. */
    public static final String SEPARATOR = ",";

    private SourceRevisions() {
    }

    /**
     * The revisions as one string.
     *
     * @param revisions the revision of each source, in order
     * @return the revisions joined with {@link #SEPARATOR}, as {@link #split} reads them back
     */
    public static String join(List<String> revisions) {
        return String.join(SEPARATOR, revisions);
    }

    /**
     * The revision of each source again.
     *
     * @param revision the revisions as {@link #join} wrote them
     * @param sources how many sources the application has
     * @return the revision of each source, in order
     * @throws SourceException when {@code revision} does not hold one revision per source
     */
    public static List<String> split(String revision, int sources) {
        List<String> revisions = Arrays.asList(revision.split(SEPARATOR, -1));
        if (revisions.size() != sources || revisions.stream().anyMatch(String::isBlank)) {
            throw new SourceException("revision '" + revision + "' does not name one revision for each of the "
                    + sources + " sources; write them in the order of spec.sources, separated by '" + SEPARATOR
                    + "', or sync without a revision");
        }
        return revisions.stream().map(String::strip).toList();
    }
}
