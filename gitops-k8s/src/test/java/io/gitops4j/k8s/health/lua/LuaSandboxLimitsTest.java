package io.gitops4j.k8s.health.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.kube.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile scripts against the sandbox's limits (issue 12, item 6): time that includes the work
 * done in Java, memory as a budget on what a run allocates, and call depth. Time is measured
 * with a fake ticker that moves with the work counted (4 µs a unit: the default one-second limit
 * is 250,000 units), whatever the machine's speed. The time attacks do a few hundred Lua
 * instructions and millions of units of Java-side work: they are stopped only because that work
 * is counted (and, as the ticker is read only when the budget looks at the clock, only because
 * it looks during the work).
 */
class LuaSandboxLimitsTest {

    private static final String NAME = "example.com/Hostile/health.lua";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    private static final ObjectNode OBJECT = Json.parseObject("""
            {"apiVersion": "example.com/v1", "kind": "Hostile", "metadata": {"name": "h"},
             "status": {"conditions": [{"type": "Ready", "status": "True", "message": "fine"}]}}
            """, "test");
    private static final String FINE_SCRIPT = """
            for _, c in ipairs(obj.status.conditions) do
              if c.type == "Ready" and c.status == "True" then return {status = "Healthy", message = c.message} end
            end
            return {status = "Progressing"}
            """;
    private static final LuaLimits HUNDRED_MS = LuaLimits.DEFAULT.withTimeout(Duration.ofMillis(100));
    /** Memory tests give the fake ticker an hour, so that only memory can stop them. */
    private static final LuaLimits SIXTEEN_MIB = new LuaLimits(Duration.ofHours(1), 16L << 20);
    private static final LuaLimits DEFAULT_MEMORY = LuaLimits.DEFAULT.withTimeout(Duration.ofHours(1));

    /** Time that passes with the work done: 4 µs a unit, so one second is 250,000 units. */
    private final LuaSandbox sandbox = new LuaSandbox(CLOCK, () -> RunBudget.current().work() * 4_000);

    /** The next script always runs normally: a stopped run leaves nothing behind. */
    @AfterEach
    void theNextScriptStillRuns() {
        assertThat(run(FINE_SCRIPT, LuaLimits.DEFAULT)).contains(Health.healthy("fine"));
    }

    @Test
    void theIssuesPatternAttackMeetsTheDefaultTimeLimitOnTheRealClock() {
        HealthAssessor assessor = HealthAssessor.builder()
                .luaScript("example.com/Hostile", "string.find(string.rep('a', 1500), '.-.-.-b')\nreturn {}")
                .build();

        assertThat(assessor.assess(OBJECT)).get().satisfies(health -> assertThat(health.message())
                .isEqualTo("health script for example.com/Hostile: the health script ran longer than its time limit"
                        + " of 1000 ms and was stopped (the default is 1000 ms; raise it with"
                        + " HealthAssessor.builder().luaTimeout(...))"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "string.find(string.rep('a', 1500), '.-.-.-b')",
        "local ok = pcall(string.find, string.rep('a', 1500), '.-.-.-b') return {status = 'Healthy'}",
        "string.match(string.rep('a', 1500), '.-.-.-b')",
        "for w in string.gmatch(string.rep('a', 1500), '.-.-.-b') do end",
        "string.gsub(string.rep('a', 1500), '.-.-.-b', 'x')",
        "string.find(string.rep('a', 1500), string.rep('a?', 150) .. string.rep('a', 150) .. 'b')",
        "string.find(string.rep('(', 5000), '%b()')",
        "string.find(string.rep('a', 2^20), string.rep('a', 2^10) .. 'b', 1, true)",
        "load('while true do end', 'chunk', 't', {})()",
        "local t = {string.byte(string.rep('ab', 5e4), 1, -1)} table.sort(t)",
        "local t = {string.byte(string.rep('ab', 5e4), 1, -1)} for i = 1, 10 do table.insert(t, 1, 0) end",
        "local t = {string.byte(string.rep('ab', 5e4), 1, -1)} for i = 1, 10 do table.remove(t, 1) end",
        "local t = {string.byte(string.rep('ab', 5e4), 1, -1)} for i = 1, 10 do table.concat(t, ',') end",
        "local t = {string.byte(string.rep('ab', 5e4), 1, -1)} for i = 1, 50 do select('#', unpack(t)) end",
        "local t = {string.byte(string.rep('ab', 5e4), 1, -1)} for i = 1, 10 do require('json').encode(t) end",
        "local t = {} for i = 1, 40 do t = {t, t} end require('json').encode(t)",
        "local text = '[' .. string.rep('1,', 1e5) .. '1]' for i = 1, 10 do require('json').decode(text) end",
        "for i = 1, 20 do string.rep('x', 1e6) end",
        "for i = 1, 20 do string.rep('x', 1e5, string.rep(',', 10)) end",
        "local s = string.rep('x', 1e6) for i = 1, 20 do local t = s .. s end",
        "local s = string.rep('x', 1e6) for i = 1, 10 do string.format('%s', s) end",
        "local s = string.rep('x', 1e6) for i = 1, 10 do string.upper(s) end",
        "local s = string.rep('x', 1e6) for i = 1, 50 do string.byte(s, 1, 1e5) end",
        "local a, b = string.rep('x', 1e6), string.rep('x', 1e6) for i = 1, 20 do local same = a == b end",
        "local a, b = string.rep('x', 1e6), string.rep('x', 1e6) for i = 1, 20 do local less = a < b end",
        "local a, b = string.rep('x', 1e6), string.rep('x', 1e6) local t = {[a] = 1} for i = 1, 20 do local v = t[b] end",
        "local s = string.rep('x', 1e6) for i = 1, 20 do tonumber(s) end",
        "local r = string.rep('b', 1e6) for i = 1, 10 do string.gsub('aaaa', 'a', r) end",
        "for i = 1, 10 do os.date(string.rep('%Y', 1e5)) end",
        "for i = 1, 20 do load(string.rep('x = 1\\n', 1e4)) end",
    })
    void javaSideWorkCountsTowardTheTimeLimit(String script) {
        assertStopped(script, LuaLimits.DEFAULT).hasMessage(NAME + ": the health script ran longer than its time limit"
                + " of 1000 ms and was stopped (the default is 1000 ms; raise it with"
                + " HealthAssessor.builder().luaTimeout(...))");
    }

    @Test
    void aRealScriptIsNotStoppedByTheFakeTicker() {
        assertThat(run(FINE_SCRIPT, HUNDRED_MS)).contains(Health.healthy("fine"));
        assertThatThrownBy(() -> run("while true do end", HUNDRED_MS)).isInstanceOf(HealthScriptException.class)
                .hasMessageContaining("ran longer than its time limit of 100 ms");
    }

    @Test
    void theIssuesStringRepIsRefusedBeforeItAllocates() {
        assertStopped("return {status = string.rep('x', 2^30)}", LuaLimits.DEFAULT).hasMessage(NAME
                + ": the health script went past its memory limit of 64 MiB (string.rep would make a string of 1.0 GiB)"
                + " and was stopped (the default is 64 MiB; raise it with HealthAssessor.builder().luaMemoryLimit(bytes))");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "string.rep('x', 2^20, string.rep(',', 2^10))",
        "string.rep('x', 2^62)",
        "string.gsub(string.rep('a', 1000), 'a', string.rep('b', 1e6))",
        "string.gsub(string.rep('a', 1000), 'a', function() return string.rep('b', 1e6) end)",
        "local s = 'x' while true do s = s .. s end",
        "local s = string.rep('x', 2^20) local t = s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s .. s",
        "local s = '' for i = 1, 1e6 do s = s .. 'x' end",
        "local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end",
        "local t = {} while true do t[#t + 1] = 'x' .. #t end",
        "local t = {} for i = 1, 100 do t[i] = 'x' end table.concat(t, string.rep(',', 1e6))",
        "local t = {} for i = 1, 8 do t[i] = string.rep('x', 2^20) end for i = 1, 4 do t = {table.concat(t), table.concat(t)} end",
        "local s = string.rep('x', 2^20) string.format(string.rep('%s', 10), s, s, s, s, s, s, s, s, s, s)",
        "require('json').decode('[' .. string.rep('1,', 2e6) .. '1]')",
        "for i = 1, 10 do load(string.rep('x = 1\\n', 1e4)) end",
        "string.upper(string.rep('x', 5e6))",
        "local t = {} for i = 1, 40 do t = {t, t} end require('json').encode(t)",
        "local ok = pcall(string.rep, 'x', 2^30) return {status = ok and 'Healthy' or 'Degraded'}",
        "local ok = pcall(function() local t = {} while true do t[#t + 1] = {} end end) return {status = 'Healthy'}",
    })
    void memoryIsABudgetOnWhatARunAllocates(String script) {
        assertStopped(script, SIXTEEN_MIB).hasMessageStartingWith(NAME + ": the health script went past its memory limit"
                + " of 16 MiB").hasMessageEndingWith("and was stopped (the default is 64 MiB; raise it with"
                + " HealthAssessor.builder().luaMemoryLimit(bytes))");
    }

    @Test
    void aTableFilledInALoopMeetsTheDefaultMemoryLimit() {
        assertStopped("local t = {} while true do t[#t + 1] = {} end", DEFAULT_MEMORY)
                .hasMessageContaining("went past its memory limit of 64 MiB (allocated ");
    }

    @Test
    void scriptsThatStayWithinTheLimitsAreNotBothered() {
        assertThat(run("""
                local parts = {}
                for i = 1, 1000 do parts[#parts + 1] = string.format("%05d", i) end
                local joined = table.concat(parts, ",")
                local n = select(2, string.gsub(joined, "%d+", "%0"))
                local text = string.rep("ab", 1000, "-")
                table.sort(parts, function(a, b) return a > b end)
                return {status = "Healthy", message = n .. " " .. #joined .. " " .. #text .. " " .. parts[1]}
                """, SIXTEEN_MIB)).contains(Health.healthy("1000 5999 2999 01000"));
    }

    @Test
    void formatWidthAndPrecisionAreLimitedAsInLua() {
        assertThat(run("return {status = 'Healthy', message = string.format('%099999999999d', 1)}", LuaLimits.DEFAULT))
                .contains(Health.unknown(NAME + ":1: invalid format (width or precision too long)"));
        assertThat(run("return {status = 'Healthy', message = string.format('%.100f', 1)}", LuaLimits.DEFAULT))
                .contains(Health.unknown(NAME + ":1: invalid format (width or precision too long)"));
        assertThat(run("return {status = 'Healthy', message = string.format('%------5d', 1)}", LuaLimits.DEFAULT))
                .contains(Health.unknown(NAME + ":1: invalid format (repeated flags)"));
        assertThat(run("return {status = 'Healthy', message = string.format('[%-+ #05d|%99d|%.99f]', 1, 2, 3):len()}",
                LuaLimits.DEFAULT)).contains(Health.healthy("209"));
        assertThat(run("""
                local ok, err = pcall(string.format, '%099999999999d', 1)
                return {status = 'Healthy', message = tostring(ok) .. ' ' .. err}
                """, LuaLimits.DEFAULT)).contains(Health.healthy("false invalid format (width or precision too long)"));
    }

    @Test
    void resultListsAreLimitedAsInLua() {
        assertThat(run("return {status = 'Healthy', message = select('#', unpack({}, 1, 1e8))}", LuaLimits.DEFAULT))
                .contains(Health.unknown(NAME + ":1: too many results to unpack"));
        assertThat(run("return {status = 'Healthy', message = select('#', string.byte(string.rep('x', 2e6), 1, -1))}",
                LuaLimits.DEFAULT)).contains(Health.unknown(NAME + ":1: string slice too long"));
        assertThat(run("return {status = 'Healthy', message = select('#', unpack({}, 1, 1e5))}", LuaLimits.DEFAULT))
                .contains(Health.healthy("100000"));
    }

    @Test
    void loadCompilesAtMostSixtyFourKibibytesAtATime() {
        assertThat(run("""
                local f, err = load(string.rep(" ", 64 * 1024 + 1) .. "return 1")
                return {status = "Healthy", message = tostring(f) .. ": " .. err}
                """, LuaLimits.DEFAULT)).contains(Health.healthy("nil: chunk of 65545 bytes is too large (a health"
                + " script may load at most 64 KiB at a time)"));
        assertThat(run("return {status = 'Healthy', message = load(string.rep(' ', 60000) .. 'return \"ok\"')()}",
                LuaLimits.DEFAULT)).contains(Health.healthy("ok"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "local function f(n) return 1 + f(n + 1) end return f(1)",
        "local function f() local ok, err = pcall(f) return err end return {status = f()}",
        "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return {status = t.x}",
        "local t = setmetatable({}, {}) getmetatable(t).__tostring = tostring return {status = tostring(t)}",
        "local t = setmetatable({}, {}) getmetatable(t).__tostring = function(x) return string.format('%s', x) end"
                + " return {status = tostring(t)}",
        "local t = setmetatable({}, {}) getmetatable(t).__lt = function(a, b) return a < b end return {status = t < t}",
        "local s = string.rep('x', 10) local f f = function() return (string.gsub(s, 'x', f)) end return {status = f()}",
    })
    void deepRecursionMeetsTheCallDepthLimit(String script) {
        assertStopped(script, LuaLimits.DEFAULT).hasMessage(NAME + ": the health script nested function calls more than"
                + " 200 deep (endless recursion?) and was stopped (a fixed limit, as in Lua: stack overflow)");
    }

    @Test
    void recursionThatNeverReachesLuaOrTheLibraryEndsAsAStackOverflowNotAnError() {
        assertStopped("local t = {} setmetatable(t, {__call = t}) return t()", LuaLimits.DEFAULT).hasMessage(NAME
                + ": the health script overflowed the Java stack (endless recursion, e.g. through a __call or __tostring"
                + " metamethod?) and was stopped");
    }

    @Test
    void aMetamethodOnTheResultCannotRunAfterTheRun() {
        assertThat(run("""
                return setmetatable({message = "m"}, {__index = function() while true do end end})
                """, HUNDRED_MS)).contains(Health.unknown(LuaHealthScript.INVALID_STATUS));
    }

    @Test
    void theLimitsAreConfiguredThroughTheHealthAssessorBuilder() {
        HealthAssessor assessor = HealthAssessor.builder()
                .luaScript("example.com/Hostile", "local s = string.rep('x', 40 * 2^20) return {status = 'Healthy'}")
                .luaMemoryLimit(32L << 20)
                .build();
        assertThat(assessor.assess(OBJECT)).get().extracting(Health::message).asString().isEqualTo(
                "health script for example.com/Hostile: the health script went past its memory limit of 32 MiB"
                        + " (string.rep would make a string of 40 MiB) and was stopped (the default is 64 MiB;"
                        + " raise it with HealthAssessor.builder().luaMemoryLimit(bytes))");
        assertThat(HealthAssessor.builder()
                .luaScript("example.com/Hostile", "local s = string.rep('x', 40 * 2^20) return {status = 'Healthy'}")
                .luaMemoryLimit(128L << 20)
                .build().assess(OBJECT)).contains(Health.healthy(""));
        assertThatThrownBy(() -> HealthAssessor.builder().luaMemoryLimit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Lua memory limit must be positive, was 0");
    }

    private Optional<Health> run(String source, LuaLimits limits) {
        return LuaHealthScript.compile(NAME, source).run(OBJECT, sandbox, limits);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertStopped(String source, LuaLimits limits) {
        return assertThatThrownBy(() -> run(source, limits)).isInstanceOf(HealthScriptException.class);
    }
}
