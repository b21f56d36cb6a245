package io.gitops4j.k8s.health.lua;

import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.time.Clock;
import java.util.Optional;

/**
 * Health checks backed by Lua scripts: for a group and kind, the script {@link HealthScripts}
 * chooses, run in the safe sandbox within {@link LuaLimits} per run. A script that does not
 * compile gives every object of its kind {@code Unknown} health with the compile error; a run
 * that goes past a limit throws the {@link HealthScriptException} that says which.
 */
public final class LuaHealthChecks {

    private final HealthScripts scripts;
    private final LuaSandbox sandbox;
    private final LuaLimits limits;

    /**
     * @param scripts where the scripts come from
     * @param clock what {@code os.time()} and {@code os.date()} call now
     * @param limits the limits of one script run
     */
    public LuaHealthChecks(HealthScripts scripts, Clock clock, LuaLimits limits) {
        this.scripts = scripts;
        this.sandbox = new LuaSandbox(clock);
        this.limits = limits;
    }

    /**
     * The check for a group ({@code ""} for the core group) and kind, when a script serves it.
     *
     * @param group the API group
     * @param kind the kind
     * @return the check, or empty when no script serves the kind
     */
    public Optional<HealthCheck> forKind(String group, String kind) {
        try {
            return scripts.forKind(group, kind).map(script -> live -> script.run(live, sandbox, limits));
        } catch (HealthScriptException e) {
            Health broken = Health.unknown(e.getMessage());
            return Optional.of(live -> Optional.of(broken));
        }
    }
}
