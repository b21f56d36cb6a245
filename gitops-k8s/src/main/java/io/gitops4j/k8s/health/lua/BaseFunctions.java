package io.gitops4j.k8s.health.lua;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The base functions whose LuaJ versions are tied to one LuaJ {@code Globals}: {@code pcall} and
 * {@code xpcall}, shared by every run, and {@code load}, made for each run so that loaded chunks
 * see that run's globals.
 */
final class BaseFunctions {

    private BaseFunctions() {
    }

    /** {@code pcall(f, ...)}: false and the error instead of raising it; a limit still stops the script. */
    static final class ProtectedCall extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue function = args.checkvalue(1);
            try {
                return varargsOf(TRUE, function.invoke(args.subargs(2)));
            } catch (LuaError e) {
                return varargsOf(FALSE, messageOf(e));
            }
        }
    }

    /** {@code xpcall(f, handler, ...)}: as {@code pcall}, with the error passed through the handler. */
    static final class ProtectedCallWithHandler extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue function = args.checkvalue(1);
            LuaValue handler = args.checkvalue(2);
            try {
                return varargsOf(TRUE, function.invoke(args.subargs(3)));
            } catch (LuaError e) {
                return varargsOf(FALSE, handler.call(messageOf(e)));
            }
        }
    }

    /**
     * {@code load(chunk [, name [, mode [, env]]])} and {@code loadstring}: compiles text into a
     * function. The function keeps the run's globals for LuaJ (so the run's limits hold inside
     * it) and sees {@code env}, when given, as its environment. LuaJ's compiler cannot be
     * interrupted and takes up to a few microseconds and about a hundred bytes per character, so
     * a chunk may be at most {@value #MAX_CHUNK} bytes; a larger one gives {@code nil} and an error,
     * as any chunk that does not compile.
     */
    static final class Load extends VarArgFunction {
        /** The largest chunk a script may compile at once. */
        static final int MAX_CHUNK = 64 << 10;
        /** Bytes the compiler may need per character of source, at worst. */
        private static final int COMPILE_BYTES_PER_CHARACTER = 128;

        private final Globals globals;

        Load(Globals globals) {
            this.globals = globals;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString chunk = args.checkstring(1);
            String name = args.optjstring(2, "=(load)");
            LuaValue env = args.optvalue(4, globals);
            if (chunk.m_length > MAX_CHUNK) {
                return varargsOf(NIL, valueOf("chunk of " + chunk.m_length + " bytes is too large (a health script"
                        + " may load at most " + (MAX_CHUNK >> 10) + " KiB at a time)"));
            }
            RunBudget budget = RunBudget.current();
            budget.allocate((long) chunk.m_length * COMPILE_BYTES_PER_CHARACTER, "load would need about");
            budget.step(chunk.m_length);
            try {
                LuaClosure function = new LuaClosure(LuaC.instance.compile(
                        new ByteArrayInputStream(chunk.m_bytes, chunk.m_offset, chunk.m_length), name), globals);
                if (env != globals && function.upValues.length > 0) {
                    function.upValues[0] = new UpValue(new LuaValue[] {env}, 0);
                }
                return function;
            } catch (LuaError | IOException e) {
                return varargsOf(NIL, valueOf(e.getMessage() == null ? "cannot load the chunk" : e.getMessage()));
            } catch (RuntimeException e) {
                // LuaJ 3.0.1's compiler fails with a NullPointerException on some errors (too many locals)
                return varargsOf(NIL, valueOf(name + ": the chunk does not compile"));
            }
        }
    }

    private static LuaValue messageOf(LuaError e) {
        LuaValue message = e.getMessageObject();
        return message == null ? LuaValue.NIL : message;
    }
}
