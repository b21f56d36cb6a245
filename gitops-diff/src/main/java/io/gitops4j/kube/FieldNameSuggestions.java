package io.gitops4j.kube;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of a reader that refuses unknown fields: among the names a reader knows, the
 * one a misspelt name most probably meant ({@code automatd} → {@code automated}).
 */
public final class FieldNameSuggestions {

    /** How many single-character edits a misspelling may be from the name it meant. */
    public static final int MAX_EDITS = 2;

    private FieldNameSuggestions() {
    }

    /**
     * The known name at most {@link #MAX_EDITS} edits away from {@code name}, letter case ignored;
     * the closest first, then the first in alphabetical order; empty when none is that close.
     *
     * @param name the name as written, for example a misspelt field
     * @param known the names that are valid there
     * @return the suggestion, or empty
     */
    public static Optional<String> nearest(String name, Collection<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(candidate -> editDistance(lower, candidate.toLowerCase(Locale.ROOT)) <= MAX_EDITS)
                .min(Comparator.comparingInt((String candidate) -> editDistance(lower, candidate.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Levenshtein distance: insertions, deletions and substitutions of single characters. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
