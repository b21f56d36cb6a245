package io.gitops4j.k8s.health.lua;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What one script run has used of its {@link LuaLimits}: work done, bytes allocated and calls
 * nested. Lua instructions and the library's Java loops add their work with {@link #step}; every
 * {@value #CHECK_INTERVAL} units of work (an instruction is one unit, a library call one unit
 * per 64 bytes it handles) the clock and the thread's allocated bytes are compared with the
 * limits. Library functions that could make something large at once ask {@link #allocate} first.
 * A run over a limit is stopped with {@link LimitExceeded}, an {@link Error} so that neither the
 * script's {@code pcall} nor LuaJ can swallow it.
 *
 * <p>The running budget is bound to the thread for the length of the run: the string library is
 * reached through LuaJ's JVM-wide string metatable, so library functions are shared by every run
 * and find their run's budget with {@link #current()}. One instance belongs to one run on one
 * thread; it is not thread-safe.
 */
final class RunBudget {

    /** Units of work between two looks at the clock and the allocation counter. */
    static final int CHECK_INTERVAL = 256;
    /** Bytes one unit of work stands for when a library function copies or scans text. */
    static final int BYTES_PER_STEP = 64;
    /** Allocations below this size are left to the periodic check instead of being measured first. */
    private static final long SMALL_ALLOCATION = 16 << 10;

    private static final ThreadLocal<RunBudget> CURRENT = new ThreadLocal<>();

    private final LuaLimits limits;
    private final AllocationMeter meter;
    private final LongSupplier nanoTime;
    private final long deadlineNanos;
    private final long allocatedAtStart;
    private final RunBudget outer;
    private long work;
    private long nextCheck = CHECK_INTERVAL;
    private long promisedBytes;
    private int depth;

    private RunBudget(LuaLimits limits, AllocationMeter meter, LongSupplier nanoTime, RunBudget outer) {
        this.limits = limits;
        this.meter = meter;
        this.nanoTime = nanoTime;
        this.outer = outer;
        this.allocatedAtStart = meter.allocatedBytes();
        this.deadlineNanos = nanoTime.getAsLong() + nanos(limits.timeout());
    }

    /** A time limit in nanoseconds; a limit of centuries is as good as none. */
    private static long nanos(Duration timeout) {
        return timeout.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500).toNanos() : timeout.toNanos();
    }

    /**
     * Starts a run on this thread; {@link #end()} it in a {@code finally}.
     *
     * @param nanoTime the ticker time limits are measured with, {@link System#nanoTime()} but in tests
     */
    static RunBudget start(LuaLimits limits, AllocationMeter meter, LongSupplier nanoTime) {
        RunBudget budget = new RunBudget(limits, meter, nanoTime, CURRENT.get());
        CURRENT.set(budget);
        return budget;
    }

    /** The budget of the run on this thread; outside a run, one without limits. */
    static RunBudget current() {
        RunBudget budget = CURRENT.get();
        return budget != null ? budget
                : new RunBudget(new LuaLimits(Duration.ofDays(365), Long.MAX_VALUE), AllocationMeter.JVM,
                        System::nanoTime, null);
    }

    /** Ends this run: the thread goes back to the budget it had before, if any. */
    void end() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** Units of work done so far (tests tie a fake ticker to it). */
    long work() {
        return work;
    }

    /** One Lua instruction. */
    void instruction() {
        if (++work >= nextCheck) {
            check();
        }
    }

    /** {@code units} of Java-side work; looks at the clock and the memory when it is time to. */
    void step(long units) {
        work += units;
        if (work >= nextCheck) {
            check();
        }
    }

    /** Work in proportion to {@code bytes} of text scanned or copied. */
    void stepBytes(long bytes) {
        step(1 + bytes / BYTES_PER_STEP);
    }

    /**
     * About to allocate {@code bytes} for {@code what} (a phrase such as "string.rep would make a
     * string of"): refused when the run would go past its memory limit.
     */
    void allocate(long bytes, String what) {
        if (bytes < 0 || bytes >= SMALL_ALLOCATION && allocated() + bytes > limits.memoryBytes()) {
            throw new LimitExceeded(Limit.MEMORY, what + " " + LimitExceeded.size(bytes < 0 ? Long.MAX_VALUE : bytes));
        }
        if (!meter.measures()) {
            promisedBytes += bytes;
        }
        stepBytes(bytes);
    }

    /** One call deeper; refused past {@link LuaLimits#MAX_CALL_DEPTH}. Pair with {@link #exitCall()}. */
    void enterCall() {
        if (depth >= LuaLimits.MAX_CALL_DEPTH) {
            throw new LimitExceeded(Limit.CALL_DEPTH, "");
        }
        depth++;
    }

    void exitCall() {
        depth--;
    }

    /** Bytes allocated by this run so far. */
    long allocated() {
        return meter.measures() ? meter.allocatedBytes() - allocatedAtStart : promisedBytes;
    }

    private void check() {
        nextCheck = work + CHECK_INTERVAL;
        if (nanoTime.getAsLong() - deadlineNanos > 0) {
            throw new LimitExceeded(Limit.TIME, "");
        }
        long allocated = allocated();
        if (allocated > limits.memoryBytes()) {
            throw new LimitExceeded(Limit.MEMORY, "allocated " + LimitExceeded.size(allocated));
        }
    }

    /** The limit a run went past. */
    enum Limit {
        TIME, MEMORY, CALL_DEPTH
    }

    /**
     * Thrown when a run goes past a limit. An {@link Error}, so that neither the script's
     * {@code pcall} nor LuaJ's exception handling can swallow it.
     */
    static final class LimitExceeded extends Error {

        private static final long serialVersionUID = 1L;

        private final Limit limit;
        private final String detail;

        LimitExceeded(Limit limit, String detail) {
            super(limit + ": " + detail, null, false, false);
            this.limit = limit;
            this.detail = detail;
        }

        Limit limit() {
            return limit;
        }

        /** What the script was doing, such as "string.rep would make a string of 1024 MiB"; may be empty. */
        String detail() {
            return detail;
        }

        /** Bytes as people read them: "512 KiB", "64 MiB", "3.5 GiB". */
        static String size(long bytes) {
            if (bytes < 1L << 20) {
                return bytes < 1L << 10 ? bytes + " bytes" : (bytes >> 10) + " KiB";
            }
            if (bytes < 1L << 30) {
                return (bytes >> 20) + " MiB";
            }
            double gib = bytes / (double) (1L << 30);
            return bytes == Long.MAX_VALUE ? "more than 8 EiB"
                    : (gib < 10 ? String.format(Locale.ROOT, "%.1f", gib) : String.valueOf((long) gib)) + " GiB";
        }
    }
}
