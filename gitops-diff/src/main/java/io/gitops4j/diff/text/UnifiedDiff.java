package io.gitops4j.diff.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** Unified text diffs ({@code diff -u}, {@code kubectl diff}) through java-diff-utils. */
public final class UnifiedDiff {

    private static final int CONTEXT_LINES = 3;

    private UnifiedDiff() {
    }

    /**
     * The unified diff from one text to another, with {@code ---}/{@code +++} headers and three
     * lines of context; empty when the texts are equal.
     *
     * @param fromLabel the name after {@code ---}
     * @param from the text before
     * @param toLabel the name after {@code +++}
     * @param to the text after
     * @return the diff, or empty
     */
    public static String between(String fromLabel, String from, String toLabel, String to) {
        if (from.equals(to)) {
            return "";
        }
        List<String> fromLines = from.lines().toList();
        List<String> toLines = to.lines().toList();
        Patch<String> patch = DiffUtils.diff(fromLines, toLines);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, fromLines, patch, CONTEXT_LINES);
        return String.join("\n", lines) + "\n";
    }
}
