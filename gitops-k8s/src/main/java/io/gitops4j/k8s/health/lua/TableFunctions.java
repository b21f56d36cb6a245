package io.gitops4j.k8s.health.lua;

import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code table} library (and {@code unpack}) with Lua 5.1's semantics, written so that each
 * element moved, compared or copied counts toward the run's time limit and every result is
 * checked against its memory limit before it is made: {@code concat}, {@code insert},
 * {@code remove}, {@code sort} (a stable merge sort that asks only "a &lt; b?", so an
 * inconsistent comparator cannot break it), {@code unpack} (at most
 * {@value StringFunctions#MAX_RESULTS} values, as in Lua 5.2), {@code getn} and {@code maxn}.
 * Elements are read and written raw, as Lua 5.1 does.
 */
final class TableFunctions {

    private TableFunctions() {
    }

    /** The replacements, by name. */
    static Map<String, LuaValue> all() {
        return Map.of("concat", new Concat(), "insert", new Insert(), "remove", new Remove(), "sort", new Sort(),
                "unpack", new Unpack(), "getn", new Length(), "maxn", new MaxN());
    }

    /** {@code table.concat(t [, sep [, i [, j]]])}. */
    private static final class Concat extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable table = args.checktable(1);
            LuaString separator = args.optstring(2, EMPTYSTRING);
            long first = args.optlong(3, 1);
            long last = args.isnil(4) ? table.length() : args.checklong(4);
            if (first > last) {
                return EMPTYSTRING;
            }
            RunBudget budget = RunBudget.current();
            long total = 0;
            for (long i = first; i <= last; i++) {
                budget.step(1);
                total += text(table, i).m_length + (i < last ? separator.m_length : 0);
            }
            budget.allocate(total, "table.concat would make a string of");
            if (total > Integer.MAX_VALUE - 8) {
                throw new LuaError("resulting string too large");
            }
            byte[] out = new byte[(int) total];
            int at = 0;
            for (long i = first; i <= last; i++) {
                at = copy(text(table, i), out, at);
                if (i < last) {
                    at = copy(separator, out, at);
                }
            }
            return LuaString.valueUsing(out);
        }

        private static int copy(LuaString text, byte[] out, int at) {
            System.arraycopy(text.m_bytes, text.m_offset, out, at, text.m_length);
            return at + text.m_length;
        }

        private static LuaString text(LuaTable table, long i) {
            LuaValue value = table.rawget(LuaValue.valueOf((double) i));
            if (value instanceof LuaString text) {
                return text;
            }
            if (value.isnumber()) {
                return value.strvalue();
            }
            throw new LuaError("invalid value (at index " + i + ") in table for 'concat'");
        }
    }

    /** {@code table.insert(t, [pos,] value)}: later elements move up one place. */
    private static final class Insert extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable table = args.checktable(1);
            int end = table.length() + 1;
            switch (args.narg()) {
                case 2 -> table.rawset(end, args.arg(2));
                case 3 -> {
                    int position = args.checkint(2);
                    RunBudget budget = RunBudget.current();
                    for (int i = Math.max(end, position); i > position; i--) {
                        budget.step(1);
                        table.rawset(i, table.rawget(i - 1));
                    }
                    table.rawset(position, args.arg(3));
                }
                default -> throw new LuaError("wrong number of arguments to 'insert'");
            }
            return NONE;
        }
    }

    /** {@code table.remove(t [, pos])}: the element at {@code pos} (default the last); later ones move down. */
    private static final class Remove extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable table = args.checktable(1);
            int end = table.length();
            int position = args.optint(2, end);
            if (end == 0 || position < 1 || position > end) {
                return NONE;
            }
            LuaValue removed = table.rawget(position);
            RunBudget budget = RunBudget.current();
            for (int i = position; i < end; i++) {
                budget.step(1);
                table.rawset(i, table.rawget(i + 1));
            }
            table.rawset(end, NIL);
            return removed;
        }
    }

    /** {@code table.sort(t [, comp])}: elements 1 to {@code #t}, by {@code comp(a, b)} or {@code a < b}. */
    private static final class Sort extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable table = args.checktable(1);
            LuaValue comparator = args.isnil(2) ? NIL : args.checkfunction(2);
            int n = table.length();
            if (n < 2) {
                return NONE;
            }
            RunBudget budget = RunBudget.current();
            budget.allocate(2L * n * StringFunctions.BYTES_PER_VALUE, "table.sort would copy");
            LuaValue[] values = new LuaValue[n];
            for (int i = 0; i < n; i++) {
                values[i] = table.rawget(i + 1);
            }
            budget.step(n);
            mergeSort(values, new LuaValue[n], 0, n, comparator, budget);
            for (int i = 0; i < n; i++) {
                table.rawset(i + 1, values[i]);
            }
            return NONE;
        }

        /** Sorts {@code values[from, to)}, stably. */
        private static void mergeSort(LuaValue[] values, LuaValue[] scratch, int from, int to, LuaValue comparator,
                RunBudget budget) {
            if (to - from < 2) {
                return;
            }
            int middle = (from + to) >>> 1;
            mergeSort(values, scratch, from, middle, comparator, budget);
            mergeSort(values, scratch, middle, to, comparator, budget);
            if (!less(values[middle], values[middle - 1], comparator, budget)) {
                return;
            }
            System.arraycopy(values, from, scratch, from, to - from);
            int left = from;
            int right = middle;
            for (int i = from; i < to; i++) {
                if (right < to && (left >= middle || less(scratch[right], scratch[left], comparator, budget))) {
                    values[i] = scratch[right++];
                } else {
                    values[i] = scratch[left++];
                }
            }
        }

        private static boolean less(LuaValue a, LuaValue b, LuaValue comparator, RunBudget budget) {
            budget.step(1);
            return comparator.isnil() ? a.lt_b(b) : comparator.call(a, b).toboolean();
        }
    }

    /** {@code unpack(t [, i [, j]])}: {@code t[i], ..., t[j]}. */
    private static final class Unpack extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable table = args.checktable(1);
            long first = args.optlong(2, 1);
            long last = args.isnil(3) ? table.length() : args.checklong(3);
            if (first > last) {
                return NONE;
            }
            long count = last - first + 1;
            if (count <= 0 || count > StringFunctions.MAX_RESULTS) {
                throw new LuaError("too many results to unpack");
            }
            RunBudget.current().allocate(count * StringFunctions.BYTES_PER_VALUE,
                    "unpack would return " + count + " values in");
            LuaValue[] values = new LuaValue[(int) count];
            for (int i = 0; i < count; i++) {
                values[i] = table.rawget(LuaValue.valueOf((double) (first + i)));
            }
            return varargsOf(values);
        }
    }

    /** {@code table.getn(t)}: Lua 5.1's {@code #t}. */
    private static final class Length extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue table) {
            return valueOf(table.checktable().length());
        }
    }

    /** {@code table.maxn(t)}: the largest positive number key, or 0. */
    private static final class MaxN extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue table) {
            LuaTable t = table.checktable();
            RunBudget budget = RunBudget.current();
            double max = 0;
            LuaValue key = NIL;
            while (true) {
                budget.step(1);
                Varargs next = t.next(key);
                key = next.arg1();
                if (key.isnil()) {
                    return valueOf(max);
                }
                if (key.isnumber() && key.todouble() > max) {
                    max = key.todouble();
                }
            }
        }
    }
}
