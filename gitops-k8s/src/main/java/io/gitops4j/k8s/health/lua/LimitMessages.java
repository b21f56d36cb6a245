package io.gitops4j.k8s.health.lua;

/**
 * What a script that went past a limit is told: which limit, its value, the default, and how to
 * raise it. The caller puts the script's name in front.
 */
final class LimitMessages {

    private static final String RAISE_TIMEOUT = "HealthAssessor.builder().luaTimeout(...)";
    private static final String RAISE_MEMORY = "HealthAssessor.builder().luaMemoryLimit(bytes)";

    private LimitMessages() {
    }

    static String describe(RunBudget.LimitExceeded limit, LuaLimits limits) {
        return switch (limit.limit()) {
            case TIME -> "the health script ran longer than its time limit of " + limits.timeout().toMillis()
                    + " ms and was stopped (the default is " + LuaLimits.DEFAULT_TIMEOUT.toMillis()
                    + " ms; raise it with " + RAISE_TIMEOUT + ")";
            case MEMORY -> "the health script went past its memory limit of " + size(limits.memoryBytes())
                    + (limit.detail().isEmpty() ? "" : " (" + limit.detail() + ")")
                    + " and was stopped (the default is " + size(LuaLimits.DEFAULT_MEMORY_BYTES)
                    + "; raise it with " + RAISE_MEMORY + ")";
            case CALL_DEPTH -> "the health script nested function calls more than " + LuaLimits.MAX_CALL_DEPTH
                    + " deep (endless recursion?) and was stopped (a fixed limit, as in Lua: stack overflow)";
        };
    }

    static String javaStackOverflow() {
        return "the health script overflowed the Java stack (endless recursion, e.g. through a __call or "
                + "__tostring metamethod?) and was stopped";
    }

    static String javaHeapExhausted(LuaLimits limits) {
        return "the Java heap ran out while the health script ran and it was stopped; its memory limit is "
                + size(limits.memoryBytes()) + ": lower it with " + RAISE_MEMORY + " or give the JVM more heap";
    }

    private static String size(long bytes) {
        return RunBudget.LimitExceeded.size(bytes);
    }
}
