package io.gitops4j.k8s.health.lua;

import java.util.Arrays;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Keeps one run within its {@link RunBudget}. LuaJ calls this hook before every instruction of
 * the run's functions and when each of them is called and returns. Every instruction is one unit
 * of work; the few whose cost grows with their operands are charged before they run: {@code ..}
 * (its result is checked against the memory limit first), and comparisons and table accesses
 * with long strings (which may compare them byte by byte). It keeps the prototype and registers
 * of each active call, not a call stack for tracebacks, so an instruction costs a counter
 * increment and an opcode test.
 */
final class LimitHook extends DebugLib {

    /** A number turned into text by {@code ..} takes at most this many bytes. */
    private static final int NUMBER_TEXT = 24;
    /** The opcodes whose cost depends on their operands, as bits. */
    private static final long OPERAND_DEPENDENT = 1L << Lua.OP_GETTABUP | 1L << Lua.OP_GETTABLE | 1L << Lua.OP_SELF
            | 1L << Lua.OP_SETTABUP | 1L << Lua.OP_SETTABLE | 1L << Lua.OP_EQ | 1L << Lua.OP_LT | 1L << Lua.OP_LE
            | 1L << Lua.OP_CONCAT;

    private final RunBudget budget;
    private Prototype[] prototypes = new Prototype[16];
    private LuaValue[][] registers = new LuaValue[16][];
    private int calls;
    /** The running call's code, constants and registers. */
    private int[] code;
    private LuaValue[] constants;
    private LuaValue[] stack;

    LimitHook(RunBudget budget) {
        this.budget = budget;
    }

    @Override
    public void onCall(LuaClosure closure, Varargs varargs, LuaValue[] stack) {
        budget.enterCall();
        if (calls == prototypes.length) {
            prototypes = Arrays.copyOf(prototypes, calls * 2);
            registers = Arrays.copyOf(registers, calls * 2);
        }
        prototypes[calls] = closure.p;
        registers[calls] = stack;
        calls++;
        enter(closure.p, stack);
    }

    @Override
    public void onReturn() {
        calls--;
        prototypes[calls] = null;
        registers[calls] = null;
        if (calls > 0) {
            enter(prototypes[calls - 1], registers[calls - 1]);
        }
        budget.exitCall();
    }

    private void enter(Prototype prototype, LuaValue[] registers) {
        this.code = prototype.code;
        this.constants = prototype.k;
        this.stack = registers;
    }

    @Override
    public void onCall(LuaFunction f) {
        // LuaJ calls this only from its own pcall and xpcall, which the sandbox replaces
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        budget.instruction();
        int instruction = code[pc];
        if ((OPERAND_DEPENDENT & 1L << (instruction & 0x3f)) != 0) {
            chargeOperands(instruction);
        }
    }

    private void chargeOperands(int instruction) {
        switch (instruction & 0x3f) {
            case Lua.OP_GETTABUP, Lua.OP_GETTABLE, Lua.OP_SELF -> chargeLong(operand(c(instruction)));
            case Lua.OP_SETTABUP, Lua.OP_SETTABLE -> chargeLong(operand(b(instruction)));
            case Lua.OP_EQ, Lua.OP_LT, Lua.OP_LE -> chargeComparison(operand(b(instruction)), operand(c(instruction)));
            default -> checkConcatenation(b(instruction), c(instruction));
        }
    }

    @Override
    public String traceback(int level) {
        return "";
    }

    /** Register or constant {@code rk} of the running call. */
    private LuaValue operand(int rk) {
        return Lua.ISK(rk) ? constants[Lua.INDEXK(rk)] : stack[rk];
    }

    /** A long string key may be compared byte by byte with the keys of the table. */
    private void chargeLong(LuaValue key) {
        if (key instanceof LuaString text && text.m_length > RunBudget.BYTES_PER_STEP) {
            budget.stepBytes(text.m_length);
        }
    }

    private void chargeComparison(LuaValue left, LuaValue right) {
        if (left instanceof LuaString a && right instanceof LuaString b) {
            budget.stepBytes(Math.min(a.m_length, b.m_length));
        }
    }

    /** {@code R(B) .. ... .. R(C)}: the size of the result is known before LuaJ makes it. */
    private void checkConcatenation(int first, int last) {
        long bytes = 0;
        for (int r = first; r <= last; r++) {
            LuaValue operand = stack[r];
            if (operand instanceof LuaString text) {
                bytes += text.m_length;
            } else if (operand instanceof LuaNumber) {
                bytes += NUMBER_TEXT;
            }
        }
        budget.allocate(bytes, "'..' would make a string of");
    }

    private static int b(int instruction) {
        return instruction >>> 23;
    }

    private static int c(int instruction) {
        return (instruction >> 14) & 0x1ff;
    }
}
