package io.gitops4j.core.project.internal;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression matched with a budget, for the {@code /regex/} entries of a project's
 * {@code sourceNamespaces} (Argo CD matches them with regexp2, a backtracking engine like Java's):
 * a pattern that would backtrack without end on a name gives up and does not match, instead of
 * holding a worker forever.
 */
public final class BoundedRegex {

    /** Character reads one match may make: far beyond any sane pattern over a 63-character name. */
    static final long BUDGET = 100_000;

    private BoundedRegex() {
    }

    /** The compiled pattern, or empty when Java cannot read it. */
    public static Optional<Pattern> compile(String regex) {
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code pattern} is found in {@code text} (unanchored, as regexp2's MatchString) within the budget. */
    public static boolean find(Pattern pattern, String text) {
        try {
            return pattern.matcher(new Budgeted(text, new long[] {BUDGET})).find();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regular expression budget exceeded", null, false, false);
        }
    }

    private record Budgeted(String text, long[] left) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
