package io.gitops4j.k8s.health.lua;

import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;

/**
 * Bytes of a Lua string being built by a library function: every growth is checked against the
 * run's memory limit before it is allocated, and copying counts as work.
 */
final class TextBuilder {

    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final RunBudget budget;
    private final String function;
    private byte[] bytes;
    private int length;

    /** @param function the library function building the text, named when it grows too large */
    TextBuilder(RunBudget budget, String function, int capacity) {
        this.budget = budget;
        this.function = function;
        this.bytes = new byte[Math.max(16, Math.min(capacity, 1 << 16))];
    }

    void append(int b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) b;
    }

    void append(LuaString text) {
        append(text.m_bytes, text.m_offset, text.m_length);
    }

    void append(byte[] source, int offset, int count) {
        if (count > bytes.length - length) {
            grow(count);
        }
        budget.stepBytes(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    LuaString toLuaString() {
        if (length == bytes.length) {
            return LuaString.valueUsing(bytes);
        }
        budget.allocate(length, function + " would make a string of");
        return LuaString.valueUsing(Arrays.copyOf(bytes, length));
    }

    private void grow(int extra) {
        long needed = (long) length + extra;
        long capacity = Math.max(needed, Math.min(MAX_LENGTH, bytes.length * 2L));
        budget.allocate(capacity, function + " would need a buffer of");
        if (needed > MAX_LENGTH) {
            throw new LuaError("resulting string too large");
        }
        bytes = Arrays.copyOf(bytes, (int) capacity);
    }
}
