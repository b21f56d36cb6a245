package io.gitops4j.core.reconcile;

import io.gitops4j.core.git.ResolvedRevision;
import io.gitops4j.core.model.ApplicationSource;
import java.util.List;

/**
 * What an application's sources name now: one resolution per source, in the order of
 * {@code spec.sources} (one entry for an application with one source).
 *
 * @param sources the sources resolved, with the revision each was resolved at
 * @param resolved what each one's revision named
 */
public record AppRevision(List<ApplicationSource> sources, List<ResolvedRevision> resolved) {

    /**
     * Copies both lists.
     *
     * @param sources the sources resolved, with the revision each was resolved at
     * @param resolved what each one's revision named
     * @throws IllegalArgumentException when there are no sources or not one resolution per source
     */
    public AppRevision {
        sources = List.copyOf(sources);
        resolved = List.copyOf(resolved);
        if (sources.isEmpty() || sources.size() != resolved.size()) {
            throw new IllegalArgumentException("one resolution per source is needed, not " + resolved.size() + " for "
                    + sources.size());
        }
    }

    /**
     * {@return the commit (or chart version) of the one source, or the {@link SourceRevisions#join join} of
     * all}
     */
    public String commit() {
        return resolved.size() == 1 ? resolved.get(0).commit()
                : SourceRevisions.join(resolved.stream().map(ResolvedRevision::commit).toList());
    }

    /** {@return the revision asked for, of the one source or of all joined} */
    public String revision() {
        return resolved.size() == 1 ? resolved.get(0).revision()
                : SourceRevisions.join(resolved.stream().map(ResolvedRevision::revision).toList());
    }

    /** {@return the commit of each source} */
    public List<String> commits() {
        return resolved.stream().map(ResolvedRevision::commit).toList();
    }
}
