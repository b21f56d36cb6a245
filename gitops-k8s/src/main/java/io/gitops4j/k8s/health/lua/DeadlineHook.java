package io.gitops4j.k8s.health.lua;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Stops one script run when its time is up. LuaJ calls this hook before every instruction of
 * a script whose environment carries it; every 256th instruction it compares the clock with the
 * deadline and, once past it, throws {@link ScriptTimeout}, which {@code pcall} cannot catch.
 * It keeps no call stack, so it costs a counter increment per instruction.
 */
final class DeadlineHook extends DebugLib {

    private final long deadlineNanos;
    private int instructions;

    DeadlineHook(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if ((++instructions & 0xFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new ScriptTimeout();
        }
    }

    @Override
    public void onCall(LuaFunction f) {
        // no call stack to keep
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        // no call stack to keep
    }

    @Override
    public void onReturn() {
        // no call stack to keep
    }

    @Override
    public String traceback(int level) {
        return "";
    }

    /**
     * Thrown when a script runs past its deadline. An {@link Error}, so that neither the
     * script's {@code pcall} nor LuaJ's own exception handling can swallow it.
     */
    static final class ScriptTimeout extends Error {

        private static final long serialVersionUID = 1L;

        ScriptTimeout() {
            super("time limit exceeded", null, false, false);
        }
    }
}
