package io.gitops4j.core.git;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@code ls-remote} of a repository answered: every advertised ref with the object it
 * points to (annotated tags peeled to their commit when the server said so), and when.
 *
 * @param refs by full name ({@code HEAD}, {@code refs/heads/main}, {@code refs/tags/v1.0.0})
 * @param listedAt when the answer came, on the source's clock
 */
record RemoteRefs(SortedMap<String, RemoteRef> refs, Instant listedAt) {

    /**
     * One advertised ref.
     *
     * @param name the full name
     * @param objectId the object it points to (for an annotated tag: the tag object)
     * @param peeledId the commit an annotated tag points to, when advertised; else empty
     * @param target for a symbolic ref ({@code HEAD}), the ref it points to; else empty
     */
    record RemoteRef(String name, String objectId, Optional<String> peeledId, Optional<String> target) {

        /** The commit when known: the peeled id of a tag, else the object id. */
        String commitId() {
            return peeledId.orElse(objectId);
        }

        /** Whether this is a tag the server did not peel (it may be an annotated tag). */
        boolean mayNeedPeeling() {
            return name.startsWith("refs/tags/") && peeledId.isEmpty();
        }
    }

    RemoteRefs {
        refs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(refs));
    }

    static RemoteRefs of(Map<String, RemoteRef> refs, Instant listedAt) {
        return new RemoteRefs(new TreeMap<>(refs), listedAt);
    }

    Optional<RemoteRef> get(String name) {
        return Optional.ofNullable(refs.get(name));
    }

    /** The short names of the tags, in name order. */
    List<String> tagNames() {
        return refs.keySet().stream().filter(n -> n.startsWith("refs/tags/"))
                .map(n -> n.substring("refs/tags/".length())).toList();
    }
}
