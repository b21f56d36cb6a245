package io.gitops4j.k8s.health.lua;

import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The functions of the {@code string} library whose result may be larger than what they are
 * given, written so that the size is checked against the run's memory limit before anything is
 * allocated: {@code rep} (with Lua 5.2's separator) and {@code byte}; and LuaJ's
 * {@code upper}, {@code lower} and {@code reverse}, checked before they copy.
 */
final class StringFunctions {

    /** Lua 5.2's limit on the values one call may return (LUAI_MAXSTACK). */
    static final int MAX_RESULTS = 1_000_000;
    /** Bytes LuaJ needs for one value in a list of results (a reference). */
    static final int BYTES_PER_VALUE = 8;
    /** LuaJ's upper and lower go through Java strings: about four copies of the text. */
    private static final int CASE_COPIES = 4;

    private StringFunctions() {
    }

    /** The replacements, by name, given LuaJ's {@code string} table. */
    static Map<String, LuaValue> replacing(LuaValue luaj) {
        return Map.of("rep", new Rep(), "byte", new Byte(),
                "upper", sized("string.upper", luaj.get("upper"), CASE_COPIES),
                "lower", sized("string.lower", luaj.get("lower"), CASE_COPIES),
                "reverse", sized("string.reverse", luaj.get("reverse"), 1));
    }

    /** {@code string.rep(s, n [, sep])}: {@code n} copies of {@code s}, separated by {@code sep}. */
    private static final class Rep extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString text = args.checkstring(1);
            long n = args.checklong(2);
            LuaString separator = args.optstring(3, EMPTYSTRING);
            if (n <= 0) {
                return EMPTYSTRING;
            }
            long unit = (long) text.m_length + separator.m_length;
            long total = unit > 0 && n > (Long.MAX_VALUE - separator.m_length) / unit ? -1
                    : n * unit - separator.m_length;
            RunBudget.current().allocate(total, "string.rep would make a string of");
            if (total > Integer.MAX_VALUE - 8) {
                throw new LuaError("resulting string too large");
            }
            byte[] bytes = new byte[(int) total];
            int at = 0;
            System.arraycopy(text.m_bytes, text.m_offset, bytes, at, text.m_length);
            at += text.m_length;
            if (n > 1) {
                System.arraycopy(separator.m_bytes, separator.m_offset, bytes, at, separator.m_length);
                at += separator.m_length;
            }
            int filled = at;
            while (filled < bytes.length) {
                int copy = Math.min(filled, bytes.length - filled);
                System.arraycopy(bytes, 0, bytes, filled, copy);
                filled += copy;
            }
            return LuaString.valueUsing(bytes);
        }
    }

    /** {@code string.byte(s [, i [, j]])}: the byte values of {@code s[i..j]}. */
    private static final class Byte extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString text = args.checkstring(1);
            int length = text.m_length;
            long first = relative(args.optlong(2, 1), length);
            long last = relative(args.optlong(3, first), length);
            first = Math.max(first, 1);
            last = Math.min(last, length);
            if (first > last) {
                return NONE;
            }
            long count = last - first + 1;
            if (count > MAX_RESULTS) {
                throw new LuaError("string slice too long");
            }
            RunBudget.current().allocate(count * BYTES_PER_VALUE, "string.byte would return " + count + " values in");
            LuaValue[] values = new LuaValue[(int) count];
            for (int i = 0; i < count; i++) {
                values[i] = valueOf(text.m_bytes[text.m_offset + (int) first - 1 + i] & 0xff);
            }
            return varargsOf(values);
        }

        private static long relative(long position, int length) {
            return position >= 0 ? position : length + position + 1;
        }
    }

    /** LuaJ's {@code function}, whose result is {@code copies} times its first argument's size. */
    private static LuaValue sized(String functionName, LuaValue function, int copies) {
        return new VarArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                RunBudget.current().allocate((long) text.checkstring().m_length * copies,
                        functionName + " would copy");
                return function.call(text);
            }

            @Override
            public Varargs invoke(Varargs args) {
                return call(args.arg1());
            }
        };
    }
}
