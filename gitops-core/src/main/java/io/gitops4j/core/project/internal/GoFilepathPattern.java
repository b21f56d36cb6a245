package io.gitops4j.core.project.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A pattern as Go's {@code path/filepath.Match} reads it on Linux, which Argo CD uses for the
 * group, kind and name of a project's resource white- and blacklists: {@code *} any run of
 * characters but {@code /}, {@code ?} one character but {@code /}, {@code [a-z0-9_]} and
 * {@code [^...]} classes of characters and ranges, {@code \} quoting the next character. No
 * braces. A malformed pattern ({@code [}, {@code []}, {@code [a-]}, a trailing {@code \}) is
 * refused here; Go reports it as {@code ErrBadPattern} and Argo CD then treats the entry as
 * matching nothing.
 */
public final class GoFilepathPattern {

    private final String pattern;
    private final Nfa nfa;
    private final int start;

    private GoFilepathPattern(String pattern, Nfa nfa, int start) {
        this.pattern = pattern;
        this.nfa = nfa;
        this.start = start;
    }

    /**
     * Compiles a pattern.
     *
     * @throws GlobSyntaxException ("syntax error in pattern", Go's {@code ErrBadPattern}) naming
     *     what is wrong
     */
    public static GoFilepathPattern compile(String pattern) {
        List<IntPredicate[]> steps = new ArrayList<>();
        int[] p = pattern.codePoints().toArray();
        int i = 0;
        while (i < p.length) {
            int c = p[i];
            if (c == '*') {
                steps.add(new IntPredicate[] {null, x -> x != '/'});
                i++;
            } else if (c == '?') {
                steps.add(new IntPredicate[] {x -> x != '/'});
                i++;
            } else if (c == '[') {
                i = parseClass(p, i + 1, steps);
            } else if (c == '\\') {
                if (i + 1 >= p.length) {
                    throw bad("a trailing \\ quotes nothing");
                }
                int quoted = p[i + 1];
                steps.add(new IntPredicate[] {x -> x == quoted});
                i += 2;
            } else {
                steps.add(new IntPredicate[] {x -> x == c});
                i++;
            }
        }
        Nfa nfa = new Nfa();
        int out = nfa.match();
        for (int s = steps.size() - 1; s >= 0; s--) {
            IntPredicate[] step = steps.get(s);
            out = step.length == 2 ? nfa.loop(step[1], out) : nfa.one(step[0], out);
        }
        return new GoFilepathPattern(pattern, nfa, out);
    }

    /** Whether the whole of {@code text} matches. */
    public boolean matches(String text) {
        return nfa.matches(start, text);
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** Reads a class after its {@code [}; returns the index after its {@code ]}. */
    private static int parseClass(int[] p, int from, List<IntPredicate[]> steps) {
        int i = from;
        boolean negated = i < p.length && p[i] == '^';
        if (negated) {
            i++;
        }
        List<int[]> ranges = new ArrayList<>();
        while (true) {
            if (i < p.length && p[i] == ']' && !ranges.isEmpty()) {
                i++;
                break;
            }
            int[] lo = escaped(p, i);
            i = lo[1];
            int hi = lo[0];
            if (p[i] == '-') {
                int[] upper = escaped(p, i + 1);
                hi = upper[0];
                i = upper[1];
            }
            ranges.add(new int[] {lo[0], hi});
        }
        steps.add(new IntPredicate[] {x -> {
            boolean in = false;
            for (int[] range : ranges) {
                in |= range[0] <= x && x <= range[1];
            }
            return in != negated;
        }});
        return i;
    }

    /** Go's {@code getEsc}: one possibly quoted character of a class, and the index after it. */
    private static int[] escaped(int[] p, int i) {
        if (i >= p.length || p[i] == '-' || p[i] == ']') {
            throw bad(i >= p.length ? "a [ is not closed" : "'" + (char) p[i] + "' cannot start a range in a class");
        }
        if (p[i] == '\\') {
            i++;
            if (i >= p.length) {
                throw bad("a [ is not closed");
            }
        }
        int c = p[i];
        i++;
        if (i >= p.length) {
            throw bad("a [ is not closed");
        }
        return new int[] {c, i};
    }

    private static GlobSyntaxException bad(String why) {
        return new GlobSyntaxException("syntax error in pattern: " + why);
    }
}
