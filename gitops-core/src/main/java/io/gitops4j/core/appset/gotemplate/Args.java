package io.gitops4j.core.appset.gotemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Converts template values to the parameter types of Go functions, with Go's errors when they do not fit. */
final class Args {

    private Args() {
    }

    static void count(String function, List<Object> args, int wanted) {
        if (args.size() != wanted) {
            throw FunctionException.argument("wrong number of args for " + function + ": want " + wanted + " got "
                    + args.size());
        }
    }

    static void atLeast(String function, List<Object> args, int wanted) {
        if (args.size() < wanted) {
            throw FunctionException.argument("wrong number of args for " + function + ": want at least " + wanted
                    + " got " + args.size());
        }
    }

    /** A {@code string} parameter. */
    static String string(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(value, "string");
    }

    /** An {@code int} parameter: integer constants fit, JSON numbers (float64) do not. */
    static long integer(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        throw wrongType(value, "int");
    }

    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(value, "bool");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(value, "map[string]interface {}");
    }

    /** An {@code interface{}} parameter: a missing value becomes nil. */
    static Object any(Object value) {
        return value == Values.NO_VALUE ? null : value;
    }

    /** Sprig's {@code strval}: strings as they are, everything else as {@code %v} prints it. */
    static String strval(Object value) {
        return value instanceof String s ? s : Values.print(any(value));
    }

    /** Sprig's {@code toInt64} (through {@code cast}): numbers truncated, strings parsed, anything else 0. */
    static long toInt64(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d.longValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                try {
                    return (long) Double.parseDouble(s.strip());
                } catch (NumberFormatException notANumber) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Sprig's {@code strslice}: a list's items as strings (nil items dropped), or a one-item list. */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item != null && item != Values.NO_VALUE) {
                    out.add(strval(item));
                }
            }
        } else if (value != null && value != Values.NO_VALUE) {
            out.add(strval(value));
        }
        return out;
    }

    private static FunctionException wrongType(Object value, String expected) {
        if (value == null || value == Values.NO_VALUE) {
            return FunctionException.argument("invalid value; expected " + expected);
        }
        return FunctionException.argument("wrong type for value; expected " + expected + "; got "
                + Values.typeName(value));
    }
}
