package io.gitops4j.k8s.health.lua;

import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.find}, {@code string.match}, {@code string.gmatch} and {@code string.gsub} on
 * {@link PatternMatcher}, so that their work counts toward the run's time limit and
 * {@code gsub}'s result toward its memory limit. Semantics are Lua 5.1's where Argo CD's scripts
 * may notice (a start position past the end is clamped to the end; {@code %} before a
 * non-digit in a replacement stands for that character), Lua 5.2's otherwise ({@code %g},
 * "pattern too complex").
 */
final class PatternFunctions {

    private static final String SPECIALS = "^$*+?.([%-";

    private PatternFunctions() {
    }

    /** The four functions by name. */
    static Map<String, LuaValue> all() {
        return Map.of("find", new Find(true), "match", new Find(false), "gmatch", new GMatch(), "gsub", new GSub());
    }

    /** {@code string.find(s, pattern [, init [, plain]])} and {@code string.match(s, pattern [, init])}. */
    private static final class Find extends VarArgFunction {
        private final boolean find;

        Find(boolean find) {
            this.find = find;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString text = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            int start = startOffset(args.optint(3, 1), text.m_length);
            RunBudget budget = RunBudget.current();
            if (find && (args.arg(4).toboolean() || !hasSpecials(pattern))) {
                int at = plainFind(text, pattern, start, budget);
                return at < 0 ? NIL : varargsOf(valueOf(at + 1), valueOf(at + pattern.m_length));
            }
            PatternMatcher matcher = new PatternMatcher(text, pattern, budget);
            boolean anchored = pattern.m_length > 0 && pattern.luaByte(0) == '^';
            int s = start;
            do {
                int end = matcher.matchAt(s, anchored ? 1 : 0);
                if (end != -1) {
                    return find ? varargsOf(valueOf(s + 1), valueOf(end), matcher.captures(false, s, end))
                            : matcher.captures(true, s, end);
                }
            } while (s++ < text.m_length && !anchored);
            return NIL;
        }
    }

    /** {@code string.gmatch(s, pattern)}: an iterator over the matches; {@code ^} is an ordinary character here. */
    private static final class GMatch extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString text = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            return new VarArgFunction() {
                private int position;

                @Override
                public Varargs invoke(Varargs ignored) {
                    PatternMatcher matcher = new PatternMatcher(text, pattern, RunBudget.current());
                    for (; position <= text.m_length; position++) {
                        int end = matcher.matchAt(position, 0);
                        if (end != -1) {
                            int start = position;
                            position = end == start ? end + 1 : end;
                            return matcher.captures(true, start, end);
                        }
                    }
                    return NIL;
                }
            };
        }
    }

    /** {@code string.gsub(s, pattern, repl [, n])}: the copy and the number of matches. */
    private static final class GSub extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString text = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            LuaValue replacement = args.arg(3);
            int type = replacement.type();
            if (type != TSTRING && type != TNUMBER && type != TTABLE && type != TFUNCTION) {
                argerror(3, "string/function/table expected");
            }
            int limit = args.optint(4, text.m_length + 1);
            RunBudget budget = RunBudget.current();
            PatternMatcher matcher = new PatternMatcher(text, pattern, budget);
            boolean anchored = pattern.m_length > 0 && pattern.luaByte(0) == '^';
            TextBuilder out = new TextBuilder(budget, "string.gsub", text.m_length);
            int s = 0;
            int count = 0;
            while (count < limit) {
                int end = matcher.matchAt(s, anchored ? 1 : 0);
                if (end != -1) {
                    count++;
                    replace(out, matcher, text, s, end, replacement);
                }
                if (end != -1 && end > s) {
                    s = end;
                } else if (s < text.m_length) {
                    out.append(text.m_bytes[text.m_offset + s++]);
                } else {
                    break;
                }
                if (anchored) {
                    break;
                }
            }
            out.append(text.m_bytes, text.m_offset + s, text.m_length - s);
            return varargsOf(out.toLuaString(), valueOf(count));
        }

        private static void replace(TextBuilder out, PatternMatcher matcher, LuaString text, int s, int e,
                LuaValue replacement) {
            LuaValue value;
            switch (replacement.type()) {
                case TSTRING, TNUMBER -> {
                    expand(out, matcher, text, replacement.strvalue(), s, e);
                    return;
                }
                case TTABLE -> value = replacement.get(matcher.capture(0, s, e));
                default -> value = replacement.invoke(matcher.captures(true, s, e)).arg1();
            }
            if (!value.toboolean()) {
                out.append(text.m_bytes, text.m_offset + s, e - s);
            } else if (value.isstring()) {
                out.append(value.strvalue());
            } else {
                throw new LuaError("invalid replacement value (a " + value.typename() + ")");
            }
        }

        /** A replacement string: {@code %0} the match, {@code %1}-{@code %9} captures, {@code %%} a percent sign. */
        private static void expand(TextBuilder out, PatternMatcher matcher, LuaString text, LuaString template,
                int s, int e) {
            byte[] bytes = template.m_bytes;
            int end = template.m_offset + template.m_length;
            int literal = template.m_offset;
            for (int i = template.m_offset; i < end; i++) {
                if (bytes[i] != '%') {
                    continue;
                }
                out.append(bytes, literal, i - literal);
                if (++i == end) {
                    throw new LuaError("invalid use of '%' in replacement string");
                }
                int c = bytes[i] & 0xff;
                if (c < '0' || c > '9') {
                    out.append(c);
                } else if (c == '0') {
                    out.append(text.m_bytes, text.m_offset + s, e - s);
                } else {
                    out.append(matcher.capture(c - '1', s, e).strvalue());
                }
                literal = i + 1;
            }
            out.append(bytes, literal, end - literal);
        }
    }

    /** Lua 5.1's start offset: 1-based, negative from the end, clamped to the string. */
    private static int startOffset(int init, int length) {
        if (init > 0) {
            return Math.min(init - 1, length);
        }
        return init < 0 ? Math.max(0, length + init) : 0;
    }

    private static boolean hasSpecials(LuaString pattern) {
        for (int i = 0; i < pattern.m_length; i++) {
            if (SPECIALS.indexOf(pattern.m_bytes[pattern.m_offset + i]) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The offset of the first {@code pattern} in {@code text} at or after {@code start}, or -1. */
    private static int plainFind(LuaString text, LuaString pattern, int start, RunBudget budget) {
        byte[] t = text.m_bytes;
        byte[] p = pattern.m_bytes;
        int n = pattern.m_length;
        if (n == 0) {
            return start;
        }
        byte first = p[pattern.m_offset];
        for (int i = start; i <= text.m_length - n; i++) {
            budget.step(1);
            if (t[text.m_offset + i] != first) {
                continue;
            }
            int j = 1;
            while (j < n && t[text.m_offset + i + j] == p[pattern.m_offset + j]) {
                j++;
            }
            if (j == n) {
                return i;
            }
            budget.stepBytes(j);
        }
        return -1;
    }
}
