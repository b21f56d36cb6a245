package io.gitops4j.core.appset.gotemplate;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Go {@code text/template}'s predefined functions: {@code not len index print println printf eq ne lt le gt ge}. */
final class BuiltinFunctions {

    private BuiltinFunctions() {
    }

    static void register(Map<String, TemplateFunction> functions) {
        functions.put("not", args -> {
            Args.count("not", args, 1);
            return !Values.isTrue(args.get(0));
        });
        functions.put("len", args -> {
            Args.count("len", args, 1);
            return length(args.get(0));
        });
        functions.put("index", BuiltinFunctions::index);
        functions.put("print", args -> Printf.sprint(args, false));
        functions.put("println", args -> Printf.sprint(args, true));
        functions.put("printf", args -> {
            Args.atLeast("printf", args, 1);
            return Printf.format(Args.string(args.get(0)), args.subList(1, args.size()));
        });
        functions.put("eq", BuiltinFunctions::eq);
        functions.put("ne", args -> {
            Args.count("ne", args, 2);
            return !eq(args);
        });
        functions.put("lt", args -> compare("lt", args) < 0);
        functions.put("le", args -> compare("le", args) <= 0);
        functions.put("gt", args -> compare("gt", args) > 0);
        functions.put("ge", args -> compare("ge", args) >= 0);
        // and/or short-circuit: the executor evaluates them; listed here so that they parse
        functions.put("and", args -> null);
        functions.put("or", args -> null);
    }

    private static Object length(Object value) {
        if (value instanceof String s) {
            return (long) s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (value instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        if (value instanceof Collection<?> c) {
            return (long) c.size();
        }
        throw FunctionException.call("len of " + (value == null || value == Values.NO_VALUE ? "nil pointer"
                : "type " + Values.typeName(value)));
    }

    private static Object index(List<Object> args) {
        Args.atLeast("index", args, 1);
        Object item = Args.any(args.get(0));
        if (item == null) {
            throw FunctionException.call("index of untyped nil");
        }
        for (Object key : args.subList(1, args.size())) {
            key = Args.any(key);
            if (item instanceof Map<?, ?> map) {
                if (!(key instanceof String)) {
                    throw FunctionException.call("value has type " + Values.typeName(key) + "; should be string");
                }
                item = map.containsKey(key) ? map.get(key) : null;
            } else if (item instanceof List<?> list) {
                if (!(key instanceof Long i)) {
                    throw FunctionException.call("cannot index slice/array with type " + Values.typeName(key));
                }
                if (i < 0 || i >= list.size()) {
                    throw FunctionException.call("index out of range: " + i);
                }
                item = list.get(i.intValue());
            } else if (item == null) {
                throw FunctionException.call("index of nil pointer");
            } else {
                throw FunctionException.call("can't index item of type " + Values.typeName(item));
            }
        }
        return item;
    }

    private enum Kind { BOOL, INT, FLOAT, STRING, OTHER, INVALID }

    private static Kind kind(Object value) {
        if (value == null || value == Values.NO_VALUE) {
            return Kind.INVALID;
        }
        if (value instanceof Boolean) {
            return Kind.BOOL;
        }
        if (value instanceof Long) {
            return Kind.INT;
        }
        if (value instanceof Double) {
            return Kind.FLOAT;
        }
        if (value instanceof String) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    private static boolean eq(List<Object> args) {
        Args.atLeast("eq", args, 1);
        if (args.size() == 1) {
            throw FunctionException.call("missing argument for comparison");
        }
        Object first = args.get(0);
        Kind k1 = kind(first);
        for (Object other : args.subList(1, args.size())) {
            Kind k2 = kind(other);
            if (k1 != k2) {
                if (k1 != Kind.INVALID && k2 != Kind.INVALID) {
                    throw FunctionException.call("incompatible types for comparison");
                }
                continue;
            }
            if (k1 == Kind.OTHER) {
                throw FunctionException.call("non-comparable type " + Values.typeName(first));
            }
            if (k1 == Kind.INVALID || first.equals(other)) {
                return true;
            }
        }
        return false;
    }

    private static int compare(String function, List<Object> args) {
        Args.count(function, args, 2);
        Object a = args.get(0);
        Object b = args.get(1);
        Kind k1 = kind(a);
        Kind k2 = kind(b);
        if (k1 == Kind.BOOL || k1 == Kind.OTHER || k1 == Kind.INVALID
                || k2 == Kind.BOOL || k2 == Kind.OTHER || k2 == Kind.INVALID) {
            throw FunctionException.call("invalid type for comparison");
        }
        if (k1 != k2) {
            throw FunctionException.call("incompatible types for comparison");
        }
        return switch (k1) {
            case INT -> Long.compare((Long) a, (Long) b);
            case FLOAT -> Double.compare((Double) a, (Double) b);
            default -> ((String) a).compareTo((String) b);
        };
    }
}
