package io.gitops4j.k8s.health.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.LibFunction;

/**
 * A library function as the sandbox gives it to scripts: each call is one call deeper (so that
 * Java-only recursion, such as a {@code __tostring} that is {@code tostring}, meets the depth limit
 * instead of overflowing the Java stack) and costs work in proportion to the text passed to it (a
 * scan or comparison of a long string is not free). Functions whose work or result can grow beyond
 * their arguments also charge and check the {@link RunBudget} themselves. Calls keep the arity of
 * the wrapped function, so no argument list is allocated that LuaJ would not allocate.
 */
final class MeteredFunction extends LibFunction {

    private final LuaValue function;

    private MeteredFunction(String name, LuaValue function) {
        this.name = name;
        this.function = function;
    }

    /** {@code value} metered when it is a function; any other value as it is. */
    static LuaValue of(String name, LuaValue value) {
        return value.isfunction() && !(value instanceof MeteredFunction) ? new MeteredFunction(name, value) : value;
    }

    @Override
    public LuaValue call() {
        RunBudget budget = enter();
        try {
            return function.call();
        } finally {
            budget.exitCall();
        }
    }

    @Override
    public LuaValue call(LuaValue a) {
        RunBudget budget = enter(length(a));
        try {
            return function.call(a);
        } finally {
            budget.exitCall();
        }
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b) {
        RunBudget budget = enter(length(a) + length(b));
        try {
            return function.call(a, b);
        } finally {
            budget.exitCall();
        }
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b, LuaValue c) {
        RunBudget budget = enter(length(a) + length(b) + length(c));
        try {
            return function.call(a, b, c);
        } finally {
            budget.exitCall();
        }
    }

    @Override
    public LuaValue call(LuaValue a, LuaValue b, LuaValue c, LuaValue d) {
        return invoke(varargsOf(new LuaValue[] {a, b, c, d})).arg1();
    }

    @Override
    public Varargs invoke(Varargs args) {
        long bytes = 0;
        int count = args.narg();
        for (int i = 1; i <= count; i++) {
            bytes += length(args.arg(i));
        }
        RunBudget budget = enter(bytes + count);
        try {
            return function.invoke(args);
        } finally {
            budget.exitCall();
        }
    }

    private static RunBudget enter() {
        return enter(0);
    }

    private static RunBudget enter(long bytes) {
        RunBudget budget = RunBudget.current();
        budget.stepBytes(bytes);
        budget.enterCall();
        return budget;
    }

    private static long length(LuaValue value) {
        return value instanceof LuaString text ? text.m_length : 0;
    }
}
