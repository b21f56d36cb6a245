package io.gitops4j.k8s.health.lua;

import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Health checks backed by Lua scripts: for a group and kind, the script {@link HealthScripts}
 * chooses, run in the safe sandbox with a time limit per run. A script that does not compile
 * gives every object of its kind {@code Unknown} health with the compile error.
 */
public final class LuaHealthChecks {

    private final HealthScripts scripts;
    private final LuaSandbox sandbox;
    private final Duration timeout;

    /**
     * @param scripts where the scripts come from
     * @param clock what {@code os.time()} and {@code os.date()} call now
     * @param timeout the time limit of one script run
     */
    public LuaHealthChecks(HealthScripts scripts, Clock clock, Duration timeout) {
        this.scripts = scripts;
        this.sandbox = new LuaSandbox(clock);
        this.timeout = timeout;
    }

    /** The check for a group ({@code ""} for the core group) and kind, when a script serves it. */
    public Optional<HealthCheck> forKind(String group, String kind) {
        try {
            return scripts.forKind(group, kind).map(script -> live -> script.run(live, sandbox, timeout));
        } catch (HealthScriptException e) {
            Health broken = Health.unknown(e.getMessage());
            return Optional.of(live -> Optional.of(broken));
        }
    }
}
