package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * One Argo CD health script, compiled once and run as often as needed, from any thread.
 *
 * <p>The contract is Argo CD's: the script sees the live object as the global {@code obj} and
 * returns a table with {@code status} ({@code Healthy}, {@code Progressing}, {@code Degraded},
 * {@code Suspended}, {@code Missing} or {@code Unknown}) and an optional {@code message}.
 * Returning nothing or an empty table means "no health". Any other status is
 * {@link HealthStatus#UNKNOWN} with Argo CD's message; a runtime error or a result that is not a
 * table is {@link HealthStatus#UNKNOWN} with the error. A run that goes past its
 * {@link LuaLimits} (time, memory, call depth) fails with a {@link HealthScriptException} that the
 * script's {@code pcall} cannot catch; the result table is read raw, so no metamethod of the
 * script runs after its run.
 */
public final class LuaHealthScript {

    /** Argo CD's message for a status outside the six it knows. */
    public static final String INVALID_STATUS = "Lua returned an invalid health status";

    private final String name;
    private final Prototype prototype;

    private LuaHealthScript(String name, Prototype prototype) {
        this.name = name;
        this.prototype = prototype;
    }

    /**
     * Compiles a script.
     *
     *
     * @param name where it came from, used in messages: a file path or a configuration key
     * @param source the Lua source
     * @return the compiled script
     * @throws HealthScriptException naming {@code name} and the line when the script does not compile
     */
    public static LuaHealthScript compile(String name, String source) {
        try {
            return new LuaHealthScript(name, LuaC.instance.compile(
                    new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)), name));
        } catch (LuaError e) {
            throw new HealthScriptException(firstLine(e.getMessage()).replace("[string \"" + name + "\"]", name)
                    + " (the health script does not compile; fix its Lua syntax)");
        } catch (IOException e) {
            throw new HealthScriptException(name + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // LuaJ 3.0.1's compiler fails with a NullPointerException on some errors (too many locals)
            throw new HealthScriptException(name + ": the health script does not compile (the Lua compiler failed: "
                    + e + ")", e);
        }
    }

    /**
     * Where the script came from.
     *
     * @return a file path or a configuration key, as given to {@link #compile}
     */
    public String name() {
        return name;
    }

    /**
     * Runs the script on {@code object}.
     *
     * @throws HealthScriptException naming the script and the limit when the run goes past one of
     *         {@code limits}, overflows the Java stack or exhausts the heap
     */
    Optional<Health> run(JsonNode object, LuaSandbox sandbox, LuaLimits limits) {
        RunBudget budget = sandbox.startRun(limits);
        try {
            return healthOf(new LuaClosure(prototype, sandbox.globalsFor(object, new LimitHook(budget))).call());
        } catch (RunBudget.LimitExceeded e) {
            throw new HealthScriptException(name + ": " + LimitMessages.describe(e, limits));
        } catch (StackOverflowError e) {
            throw new HealthScriptException(name + ": " + LimitMessages.javaStackOverflow());
        } catch (OutOfMemoryError e) {
            throw new HealthScriptException(name + ": " + LimitMessages.javaHeapExhausted(limits));
        } catch (LuaError e) {
            return Optional.of(Health.unknown(runtimeError(e)));
        } catch (RuntimeException e) {
            return Optional.of(Health.unknown(name + ": " + e));
        } finally {
            budget.end();
        }
    }

    private Optional<Health> healthOf(LuaValue result) {
        if (result.isnil()) {
            return Optional.empty();
        }
        if (!result.istable()) {
            return Optional.of(Health.unknown(name + ": expect table output from Lua script, not "
                    + result.typename()));
        }
        LuaTable table = result.checktable();
        if (table.next(LuaValue.NIL).arg1().isnil()) {
            return Optional.empty();
        }
        LuaValue status = table.rawget("status");
        LuaValue message = table.rawget("message");
        if (!message.isnil() && !message.isstring()) {
            return Optional.of(Health.unknown(name + ": the health script's message is a " + message.typename()
                    + ", not a string"));
        }
        Optional<HealthStatus> known = status.type() == LuaValue.TSTRING
                ? HealthStatus.fromDisplayName(status.tojstring())
                : Optional.empty();
        return Optional.of(known
                .map(s -> new Health(s, message.isnil() ? "" : message.tojstring()))
                .orElse(Health.unknown(INVALID_STATUS)));
    }

    /** LuaJ's {@code name:3 message} in Lua's usual form, {@code name:3: message}. */
    private String runtimeError(LuaError e) {
        String message = firstLine(e.getMessage());
        Matcher located = Pattern.compile("^" + Pattern.quote(name) + ":(\\d+) ").matcher(message);
        return located.find() ? name + ":" + located.group(1) + ": " + message.substring(located.end())
                : name + ": " + message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    @Override
    public String toString() {
        return name;
    }
}
