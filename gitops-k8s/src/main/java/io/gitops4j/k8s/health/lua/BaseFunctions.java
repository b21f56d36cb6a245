package io.gitops4j.k8s.health.lua;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
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

    /** {@code pcall(f, ...)}: false and the error instead of raising it; a time-out still stops the script. */
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

    /** {@code load(chunk [, name [, mode [, env]]])} and {@code loadstring}: compiles text into a function. */
    static final class Load extends VarArgFunction {
        private final LuaValue globals;

        Load(LuaValue globals) {
            this.globals = globals;
        }

        @Override
        public Varargs invoke(Varargs args) {
            String chunk = args.checkjstring(1);
            String name = args.optjstring(2, "=(load)");
            try {
                return new LuaClosure(LuaC.instance.compile(
                        new ByteArrayInputStream(chunk.getBytes(StandardCharsets.UTF_8)), name), args.optvalue(4, globals));
            } catch (LuaError | IOException e) {
                return varargsOf(NIL, valueOf(e.getMessage() == null ? "cannot load " + chunk : e.getMessage()));
            }
        }
    }

    private static LuaValue messageOf(LuaError e) {
        LuaValue message = e.getMessageObject();
        return message == null ? LuaValue.NIL : message;
    }
}
