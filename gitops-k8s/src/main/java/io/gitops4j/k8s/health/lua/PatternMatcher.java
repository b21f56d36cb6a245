package io.gitops4j.k8s.health.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Matches one Lua pattern (Lua 5.2 reference manual, §6.4.1) against the bytes of one string,
 * every step charged to the run's {@link RunBudget}, so that a pattern that backtracks
 * polynomially ({@code ".-.-.-b"}) meets the time limit instead of running for minutes.
 *
 * <p>Character classes are those of the C locale ({@code %a %c %d %g %l %p %s %u %w %x}, upper
 * case for the complement), sets {@code [...]} with ranges and classes, the repetitions
 * {@code * + - ?}, anchors {@code ^} (handled by the caller) and {@code $}, captures including
 * position captures {@code ()}, back references {@code %1}-{@code %9}, {@code %bxy} and
 * {@code %f[set]}. As in Lua, at most {@value #MAX_CAPTURES} captures, and a pattern whose items
 * nest more than {@value #MAX_NESTING} deep is "too complex". Indexes are 0-based byte offsets;
 * a failed match is -1.
 */
final class PatternMatcher {

    static final int MAX_CAPTURES = 32;
    private static final int MAX_NESTING = 200;
    private static final int UNFINISHED = -1;
    private static final int POSITION = -2;

    private final LuaString source;
    private final byte[] text;
    private final int textOffset;
    private final int textLength;
    private final byte[] pattern;
    private final int patternOffset;
    private final int patternLength;
    private final RunBudget budget;
    private final int[] captureStart = new int[MAX_CAPTURES];
    private final int[] captureLength = new int[MAX_CAPTURES];
    private int level;
    private int nestingLeft;

    PatternMatcher(LuaString source, LuaString pattern, RunBudget budget) {
        this.source = source;
        this.text = source.m_bytes;
        this.textOffset = source.m_offset;
        this.textLength = source.m_length;
        this.pattern = pattern.m_bytes;
        this.patternOffset = pattern.m_offset;
        this.patternLength = pattern.m_length;
        this.budget = budget;
    }

    /** Where a match of the pattern from pattern offset {@code p} that starts at {@code s} ends, or -1. */
    int matchAt(int s, int p) {
        level = 0;
        nestingLeft = MAX_NESTING;
        return match(s, p);
    }

    /**
     * The captures of the last match {@code [s, e)}; the whole match when the pattern has none
     * and {@code wholeWhenNone} is set.
     */
    Varargs captures(boolean wholeWhenNone, int s, int e) {
        int count = level == 0 && wholeWhenNone ? 1 : level;
        if (count == 1) {
            return capture(0, s, e);
        }
        LuaValue[] values = new LuaValue[count];
        for (int i = 0; i < count; i++) {
            values[i] = capture(i, s, e);
        }
        return LuaValue.varargsOf(values);
    }

    /** Capture {@code i} of the last match {@code [s, e)}; capture 0 is the whole match when there are none. */
    LuaValue capture(int i, int s, int e) {
        if (i >= level) {
            if (i == 0) {
                return source.substring(s, e);
            }
            throw new LuaError("invalid capture index");
        }
        int length = captureLength[i];
        if (length == UNFINISHED) {
            throw new LuaError("unfinished capture");
        }
        if (length == POSITION) {
            return LuaValue.valueOf(captureStart[i] + 1);
        }
        return source.substring(captureStart[i], captureStart[i] + length);
    }

    private int match(int s, int p) {
        if (--nestingLeft == 0) {
            throw new LuaError("pattern too complex");
        }
        try {
            return matchItems(s, p);
        } finally {
            nestingLeft++;
        }
    }

    /** The pattern from {@code p} on, one item at a time; recursion only where an item may backtrack. */
    private int matchItems(int s, int p) {
        while (true) {
            budget.step(1);
            if (p == patternLength) {
                return s;
            }
            int c = pat(p);
            if (c == '(') {
                return p + 1 < patternLength && pat(p + 1) == ')' ? startCapture(s, p + 2, POSITION)
                        : startCapture(s, p + 1, UNFINISHED);
            }
            if (c == ')') {
                return endCapture(s, p + 1);
            }
            if (c == '$' && p + 1 == patternLength) {
                return s == textLength ? s : -1;
            }
            int escape = c == '%' && p + 1 < patternLength ? pat(p + 1) : 0;
            if (escape == 'b' || escape == 'f' || escape >= '0' && escape <= '9') {
                int next = escape == 'b' ? p + 4 : escape == 'f' ? frontierSetEnd(p + 2) : p + 2;
                s = escape == 'b' ? balance(s, p + 2) : escape == 'f' ? frontier(s, p + 2) : backReference(s, escape);
                if (s == -1) {
                    return -1;
                }
                p = next;
                continue;
            }
            int end = classEnd(p);
            boolean matches = s < textLength && singleMatch(txt(s), p, end);
            switch (end < patternLength ? pat(end) : -1) {
                case '?' -> {
                    int result = matches ? match(s + 1, end + 1) : -1;
                    if (result != -1) {
                        return result;
                    }
                    p = end + 1;
                }
                case '+' -> {
                    return matches ? maxExpand(s + 1, p, end) : -1;
                }
                case '*' -> {
                    return maxExpand(s, p, end);
                }
                case '-' -> {
                    return minExpand(s, p, end);
                }
                default -> {
                    if (!matches) {
                        return -1;
                    }
                    s++;
                    p = end;
                }
            }
        }
    }

    /** As many as possible, then give back one at a time until the rest matches. */
    private int maxExpand(int s, int p, int end) {
        int count = 0;
        while (s + count < textLength && singleMatch(txt(s + count), p, end)) {
            count++;
            budget.step(1);
        }
        while (count >= 0) {
            int result = match(s + count, end + 1);
            if (result != -1) {
                return result;
            }
            count--;
        }
        return -1;
    }

    /** As few as possible, taking one more at a time until the rest matches. */
    private int minExpand(int s, int p, int end) {
        while (true) {
            int result = match(s, end + 1);
            if (result != -1) {
                return result;
            }
            if (s < textLength && singleMatch(txt(s), p, end)) {
                s++;
            } else {
                return -1;
            }
        }
    }

    private int startCapture(int s, int p, int what) {
        if (level >= MAX_CAPTURES) {
            throw new LuaError("too many captures");
        }
        captureStart[level] = s;
        captureLength[level] = what;
        level++;
        int result = match(s, p);
        if (result == -1) {
            level--;
        }
        return result;
    }

    private int endCapture(int s, int p) {
        int open = captureToClose();
        captureLength[open] = s - captureStart[open];
        int result = match(s, p);
        if (result == -1) {
            captureLength[open] = UNFINISHED;
        }
        return result;
    }

    private int captureToClose() {
        for (int i = level - 1; i >= 0; i--) {
            if (captureLength[i] == UNFINISHED) {
                return i;
            }
        }
        throw new LuaError("invalid pattern capture");
    }

    /** {@code %bxy} at pattern offset {@code p} (at x): a balanced run from x to its y. */
    private int balance(int s, int p) {
        if (p + 1 >= patternLength) {
            throw new LuaError("malformed pattern (missing arguments to '%b')");
        }
        if (s >= textLength || txt(s) != pat(p)) {
            return -1;
        }
        int open = pat(p);
        int close = pat(p + 1);
        int depth = 1;
        while (++s < textLength) {
            budget.step(1);
            int c = txt(s);
            if (c == close) {
                if (--depth == 0) {
                    return s + 1;
                }
            } else if (c == open) {
                depth++;
            }
        }
        return -1;
    }

    /** Where the pattern goes on after {@code %f[set]}, with {@code p} at the set. */
    private int frontierSetEnd(int p) {
        if (p >= patternLength || pat(p) != '[') {
            throw new LuaError("missing '[' after '%f' in pattern");
        }
        return classEnd(p);
    }

    /** {@code %f[set]} with {@code p} at the set: {@code s} when it is a frontier, else -1. */
    private int frontier(int s, int p) {
        int end = frontierSetEnd(p);
        int previous = s == 0 ? 0 : txt(s - 1);
        int current = s < textLength ? txt(s) : 0;
        return !bracketMatch(previous, p, end - 1) && bracketMatch(current, p, end - 1) ? s : -1;
    }

    /** {@code %1}..{@code %9}: the text of an earlier capture again. */
    private int backReference(int s, int digit) {
        int i = digit - '1';
        if (i < 0 || i >= level || captureLength[i] == UNFINISHED) {
            throw new LuaError("invalid capture index");
        }
        int length = captureLength[i];
        if (length < 0 || textLength - s < length) {
            return -1;
        }
        budget.stepBytes(length);
        int from = textOffset + captureStart[i];
        for (int k = 0; k < length; k++) {
            if (text[from + k] != text[textOffset + s + k]) {
                return -1;
            }
        }
        return s + length;
    }

    /** The offset just past the single-character class at {@code p}. */
    private int classEnd(int p) {
        int c = pat(p++);
        if (c == '%') {
            if (p >= patternLength) {
                throw new LuaError("malformed pattern (ends with '%')");
            }
            return p + 1;
        }
        if (c == '[') {
            if (p < patternLength && pat(p) == '^') {
                p++;
            }
            do {
                if (p >= patternLength) {
                    throw new LuaError("malformed pattern (missing ']')");
                }
                if (pat(p++) == '%' && p < patternLength) {
                    p++;
                }
            } while (p >= patternLength || pat(p) != ']');
            return p + 1;
        }
        return p;
    }

    private boolean singleMatch(int c, int p, int end) {
        return switch (pat(p)) {
            case '.' -> true;
            case '%' -> CharacterClass.matches(c, pat(p + 1));
            case '[' -> bracketMatch(c, p, end - 1);
            default -> pat(p) == c;
        };
    }

    /** A set {@code [...]} from {@code p} (at '[') to {@code close} (at ']'). */
    private boolean bracketMatch(int c, int p, int close) {
        budget.step(1 + (close - p) / RunBudget.BYTES_PER_STEP);
        boolean found = true;
        if (pat(p + 1) == '^') {
            found = false;
            p++;
        }
        while (++p < close) {
            int item = pat(p);
            if (item == '%') {
                p++;
                if (CharacterClass.matches(c, pat(p))) {
                    return found;
                }
            } else if (p + 2 < close && pat(p + 1) == '-') {
                if (item <= c && c <= pat(p + 2)) {
                    return found;
                }
                p += 2;
            } else if (item == c) {
                return found;
            }
        }
        return !found;
    }

    private int txt(int i) {
        return text[textOffset + i] & 0xff;
    }

    private int pat(int i) {
        return pattern[patternOffset + i] & 0xff;
    }
}
