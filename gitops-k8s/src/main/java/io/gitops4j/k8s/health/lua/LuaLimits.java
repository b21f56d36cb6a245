package io.gitops4j.k8s.health.lua;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one health script run. A run that goes past one fails with a
 * {@link HealthScriptException} that names the script and the limit; the script's {@code pcall}
 * cannot catch it.
 *
 * <ul>
 *   <li>{@code timeout}: wall-clock time, including the work done in Java for the script
 *       (pattern matching, {@code string.rep}, {@code table.sort}, {@code json.encode}, ...);</li>
 *   <li>{@code memoryBytes}: bytes the run may allocate, strings, tables and everything else
 *       together, as the JVM counts them for the running thread. Operations that would make a
 *       large string or table at once ({@code string.rep}, {@code ..}, {@code table.concat},
 *       {@code string.format}, {@code unpack}, ...) are refused before they allocate.</li>
 * </ul>
 * Calls also nest at most {@value #MAX_CALL_DEPTH} deep (Lua's own limit for nested calls
 * that go through C, which is every call on LuaJ).
 *
 * @param timeout how long one run may take
 * @param memoryBytes how many bytes one run may allocate
 */
public record LuaLimits(Duration timeout, long memoryBytes) {

    /** One second, as in Argo CD. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * 64 MiB. Argo CD has no memory limit; Argo CD's own 240 scripts allocate at most 33 KB a run
     * on their test objects, so this never stops a real script.
     */
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    /** How deep Lua and library calls may nest. */
    public static final int MAX_CALL_DEPTH = 200;
    /** One second and 64 MiB. */
    public static final LuaLimits DEFAULT = new LuaLimits(DEFAULT_TIMEOUT, DEFAULT_MEMORY_BYTES);

    /**
     * Checks that both limits are positive.
     *
     * @param timeout how long one run may take
     * @param memoryBytes how many bytes one run may allocate
     * @throws IllegalArgumentException when a limit is not positive
     * @throws NullPointerException when {@code timeout} is {@code null}
     */
    public LuaLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Lua time limit must be positive, was " + timeout);
        }
        if (memoryBytes <= 0) {
            throw new IllegalArgumentException("the Lua memory limit must be positive, was " + memoryBytes);
        }
    }

    /**
     * These limits with another time limit.
     *
     * @param value the time limit, positive
     * @return the new limits
     */
    public LuaLimits withTimeout(Duration value) {
        return new LuaLimits(value, memoryBytes);
    }

    /**
     * These limits with another memory limit.
     *
     * @param value the memory limit in bytes, positive
     * @return the new limits
     */
    public LuaLimits withMemoryBytes(long value) {
        return new LuaLimits(timeout, value);
    }
}
