package io.gitops4j.k8s.health.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LuaHealthScriptTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30Z"), ZoneOffset.UTC);
    private static final ObjectNode CERTIFICATE = Json.parseObject("""
            {"apiVersion": "cert-manager.io/v1", "kind": "Certificate",
             "metadata": {"name": "shop-tls", "namespace": "shop", "generation": 2},
             "spec": {"dnsNames": ["shop.example.com", "www.shop.example.com"]},
             "status": {"notAfter": "2027-02-19T10:00:00Z",
                        "conditions": [{"type": "Issuing", "status": "False"},
                                       {"type": "Ready", "status": "True", "reason": "Ready",
                                        "message": "Certificate is up to date and has not expired"}]}}
            """, "test");

    private final LuaSandbox sandbox = new LuaSandbox(CLOCK);

    @Test
    void theScriptReadsObjAndReturnsStatusAndMessage() {
        assertThat(run("""
                hs = {}
                for i, condition in ipairs(obj.status.conditions) do
                  if condition.type == "Ready" and condition.status == "True" then
                    hs.status = "Healthy"
                    hs.message = condition.message
                    return hs
                  end
                end
                return {status = "Progressing", message = "Waiting for certificate"}
                """)).contains(Health.healthy("Certificate is up to date and has not expired"));
    }

    @Test
    void nothingOrAnEmptyTableMeansNoHealth() {
        assertThat(run("return nil")).isEmpty();
        assertThat(run("return {}")).isEmpty();
        assertThat(run("local hs = {}\nif obj.spec.paused then hs.status = 'Suspended' end\nreturn hs")).isEmpty();
    }

    @Test
    void anInvalidStatusIsUnknownWithArgoCdsMessage() {
        assertThat(run("return {status = 'Fine'}")).contains(Health.unknown("Lua returned an invalid health status"));
        assertThat(run("return {message = 'no status'}")).contains(Health.unknown("Lua returned an invalid health status"));
        assertThat(run("return {status = 3}")).contains(Health.unknown("Lua returned an invalid health status"));
    }

    @Test
    void aRuntimeErrorIsUnknownNamingTheScriptAndLine() {
        assertThat(run("local hs = {}\nhs.status = obj.status.missing.field\nreturn hs"))
                .get().satisfies(h -> {
                    assertThat(h.status()).isEqualTo(HealthStatus.UNKNOWN);
                    assertThat(h.message()).startsWith("test/Certificate/health.lua:2").contains("nil");
                });
        assertThat(run("error('the operator is gone')")).get().extracting(Health::message).asString()
                .contains("test/Certificate/health.lua:1").contains("the operator is gone");
        assertThat(run("return 'Healthy'")).contains(Health.unknown(
                "test/Certificate/health.lua: expect table output from Lua script, not string"));
    }

    @Test
    void aScriptThatDoesNotCompileIsRejectedWithItsLine() {
        assertThatThrownBy(() -> LuaHealthScript.compile("broken/health.lua", "hs = {}\nif obj.status then\nreturn hs"))
                .isInstanceOf(HealthScriptException.class)
                .hasMessageContaining("broken/health.lua:3")
                .hasMessageContaining("does not compile");
    }

    @Test
    void aScriptIsStoppedAtItsTimeLimitEvenInsidePcall() {
        LuaLimits limits = LuaLimits.DEFAULT.withTimeout(Duration.ofMillis(100));
        assertThatThrownBy(() -> run("while true do end", limits))
                .isInstanceOf(HealthScriptException.class)
                .hasMessageStartingWith("test/Certificate/health.lua: ")
                .hasMessageContaining("ran longer than its time limit of 100 ms");
        assertThatThrownBy(() -> run("while true do pcall(function() while true do end end) end", limits))
                .isInstanceOf(HealthScriptException.class)
                .hasMessageContaining("ran longer than its time limit of 100 ms");
        assertThatThrownBy(() -> run("local function f() return f() + 1 end\nreturn f()"))
                .isInstanceOf(HealthScriptException.class)
                .hasMessageContaining("nested function calls more than 200 deep");
    }

    @Test
    void lua51FunctionsArgoCdScriptsUseAreThere() {
        assertThat(run("""
                local dns = obj.spec.dnsNames
                local first, second = unpack(dns)
                local n = table.getn(dns) + table.maxn(dns)
                local f = loadstring("return 40 + 2")
                return {status = "Healthy", message = first .. "," .. second .. "," .. n .. "," .. f()}
                """)).contains(Health.healthy("shop.example.com,www.shop.example.com,4,42"));
    }

    @Test
    void pcallAndXpcallCatchScriptErrors() {
        assertThat(run("""
                local ok, err = pcall(function() return obj.status.missing.field end)
                local ok2, handled = xpcall(function() error({code = 7}) end, function(e) return e.code * 6 end)
                local ok3, value = pcall(function(a, b) return a + b end, 40, 2)
                return {status = "Healthy", message = tostring(ok) .. " " .. tostring(ok2) .. " " .. handled
                    .. " " .. tostring(ok3) .. " " .. value .. " " .. (string.find(err, "nil") and "nil-error" or err)}
                """)).contains(Health.healthy("false false 42 true 42 nil-error"));
    }

    @Test
    void stringPatternsAndFormatWorkAsInLua51() {
        assertThat(run("""
                local y, m, d = string.match(obj.status.notAfter, "(%d+)-(%d+)-(%d+)T")
                local host = obj.spec.dnsNames[2]:gsub("^www%.", "")
                local at = string.find(host, ".", 1, true)
                return {status = "Healthy",
                        message = string.format("%s/%s/%s %q %d %5.1f %s", y, m, d, host, at, 2.25, tostring(10 / 2))}
                """)).contains(Health.healthy("2027/02/19 \"shop.example.com\" 5   2.2 5"));
    }

    @Test
    void stringFormatFormatsNumbersAsCDoes() {
        assertThat(run("""
                return {status = "Healthy", message = string.format(
                    "%.2f|%g|%g|%g|%05.1f|%-6d|%x|%+d|%e|%s|%5s|%.3s|%c|%q|%i%%",
                    1.005, 0.0001, 1e-5, 123456789, -2.25, 42, 255, 5, 12345.678, nil, "ab", "abcdef", 65, 'a"b', 7.9)}
                """)).contains(Health.healthy(
                "1.00|0.0001|1e-05|1.23457e+08|-02.2|42    |ff|+5|1.234568e+04|nil|   ab|abc|A|\"a\\\"b\"|7%"));
    }

    @Test
    void osTimeAndDateUseTheClockInUtc() {
        assertThat(run("""
                local y, mo, d, h, mi, s = string.match(obj.status.notAfter, "(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)Z")
                local expires = os.time({year = y, month = mo, day = d, hour = h, min = mi, sec = s})
                local days = math.floor(os.difftime(expires, os.time()) / 86400)
                return {status = "Healthy", message = days .. " days left on " .. os.date("!%Y-%m-%d %H:%M:%S")
                    .. " " .. os.date("*t", 0).year}
                """)).contains(Health.healthy("89 days left on 2026-11-21 10:15:30 1970"));
    }

    @Test
    void theSandboxHasNoFilesProcessesOrSharedState() {
        assertThat(run("return {status = tostring(io) .. tostring(dofile) .. tostring(loadfile) .. tostring(os.execute)}"))
                .contains(Health.unknown("Lua returned an invalid health status"));
        assertThat(run("string.upper = nil")).get().extracting(Health::message).asString()
                .contains("the string library is shared by every health script and cannot be changed");
        assertThat(run("getmetatable('').__index.upper = nil")).get().extracting(Health::status)
                .isEqualTo(HealthStatus.UNKNOWN);
        assertThat(run("require('io')")).get().extracting(Health::message).asString().contains("module 'io' not found");
        run("leaked = 'yes'; return {}");
        assertThat(run("return {status = leaked == nil and 'Healthy' or 'Degraded'}")).contains(Health.healthy(""));
    }

    @Test
    void requireGivesOsAndJson() {
        assertThat(run("""
                local os = require("os")
                local json = require("json")
                local decoded = json.decode('[{"type":"Ready","status":"True"}]')
                return {status = "Healthy", message = decoded[1].type .. " " .. json.encode({a = {1, 2}}) .. " " .. os.time()}
                """)).contains(Health.healthy("Ready {\"a\":[1,2]} " + CLOCK.instant().getEpochSecond()));
    }

    @Test
    void scriptsMayChangeTheirCopyOfTheObjectWithoutTouchingTheOriginal() {
        ObjectNode before = CERTIFICATE.deepCopy();
        assertThat(run("""
                obj.status.conditions[1] = nil
                table.insert(obj.spec.dnsNames, "api.shop.example.com")
                local count = 0
                for k, v in pairs(obj.metadata) do count = count + 1 end
                return {status = "Healthy", message = #obj.spec.dnsNames .. " names, " .. count .. " metadata fields"}
                """)).contains(Health.healthy("3 names, 3 metadata fields"));
        assertThat(CERTIFICATE).isEqualTo(before);
    }

    private Optional<Health> run(String source) {
        return run(source, LuaLimits.DEFAULT.withTimeout(Duration.ofSeconds(5)));
    }

    private Optional<Health> run(String source, LuaLimits limits) {
        return LuaHealthScript.compile("test/Certificate/health.lua", source).run(CERTIFICATE, sandbox, limits);
    }
}
