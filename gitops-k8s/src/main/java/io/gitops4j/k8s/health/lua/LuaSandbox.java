package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment a health script runs in: Argo CD's safe standard library on LuaJ, with the
 * Lua 5.1 behaviours Argo CD's scripts rely on (they run on gopher-lua, a Lua 5.1).
 *
 * <p>Available: the base functions without file access ({@code dofile}, {@code loadfile} and
 * {@code collectgarbage} are gone; {@code print} goes to the debug log), {@code string},
 * {@code table}, {@code math} ({@code string.format} fixed to format numbers as C does), a safe
 * {@code os} ({@code time}, {@code date}, {@code difftime}), {@code json}, and {@code require} for
 * those modules. Lua 5.1 names: {@code unpack},
 * {@code loadstring}, {@code table.getn}, {@code table.maxn}, {@code math.log10}.
 *
 * <p>Library tables and stateless functions are built once and shared, frozen, by every run;
 * each run gets fresh globals, so a script's globals never leak into the next run. Every library
 * function counts toward the run's limits ({@link MeteredFunction}); those whose work or result
 * can outgrow their arguments are the sandbox's own ({@link PatternFunctions},
 * {@link StringFunctions}, {@link StringFormat}, {@link TableFunctions}, {@link JsonModule}).
 * Thread-safe.
 */
final class LuaSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(LuaSandbox.class);

    /** LuaJ base functions that keep no state of their own, so every run can share them. */
    private static final List<String> STATELESS_BASE_FUNCTIONS = List.of("_VERSION", "assert", "error",
            "getmetatable", "ipairs", "next", "pairs", "rawequal", "rawget", "rawlen", "rawset", "select",
            "setmetatable", "tonumber", "tostring", "type");
    private static final int SHARED_GLOBAL_SLOTS = 32;

    private final FrozenTable string;
    private final FrozenTable table;
    private final FrozenTable math;
    private final FrozenTable os;
    private final FrozenTable json;
    private final LuaValue[] sharedGlobals;
    private final LongSupplier nanoTime;

    LuaSandbox(Clock clock) {
        this(clock, System::nanoTime);
    }

    /**
     * @param clock what {@code os.time()} and {@code os.date()} call now
     * @param nanoTime what time limits are measured with ({@link System#nanoTime()}; tests pass a fake ticker)
     */
    LuaSandbox(Clock clock, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        Globals template = new Globals();
        template.load(new BaseLib());
        template.load(new PackageLib());
        template.load(new StringLib());
        template.load(new TableLib());
        template.load(new JseMathLib());
        this.string = FrozenTable.of("string", t -> {
            copyInto(template.get("string"), t);
            t.rawset("format", new StringFormat());
            PatternFunctions.all().forEach(t::rawset);
            StringFunctions.replacing(template.get("string")).forEach(t::rawset);
            t.rawset("dump", LuaValue.NIL);
        });
        this.table = FrozenTable.of("table", t -> {
            copyInto(template.get("table"), t);
            TableFunctions.all().forEach(t::rawset);
        });
        this.math = FrozenTable.of("math", t -> {
            copyInto(template.get("math"), t);
            LuaValue log = template.get("math").get("log");
            t.rawset("log10", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue x) {
                    return log.call(x, LuaValue.valueOf(10));
                }
            });
        });
        this.os = SafeOsModule.create(clock);
        this.json = JsonModule.create();
        List<LuaValue> shared = new ArrayList<>();
        for (String name : STATELESS_BASE_FUNCTIONS) {
            shared.add(LuaValue.valueOf(name));
            shared.add(MeteredFunction.of(name, template.get(name)));
        }
        Map<String, LuaValue> ours = new LinkedHashMap<>();
        ours.put("pcall", new BaseFunctions.ProtectedCall());
        ours.put("xpcall", new BaseFunctions.ProtectedCallWithHandler());
        ours.put("print", printFunction());
        ours.put("require", requireFunction(Map.of("string", string, "table", table, "math", math, "os", os,
                "json", json)));
        ours.put("unpack", table.rawget("unpack"));
        ours.put("string", string);
        ours.put("table", table);
        ours.put("math", math);
        ours.put("os", os);
        ours.forEach((name, value) -> {
            shared.add(LuaValue.valueOf(name));
            shared.add(MeteredFunction.of(name, value));
        });
        this.sharedGlobals = shared.toArray(LuaValue[]::new);
        protectStringMetatable();
    }

    /** Starts the budget of one run on this thread; {@link RunBudget#end()} it when the run ends. */
    RunBudget startRun(LuaLimits limits) {
        return RunBudget.start(limits, AllocationMeter.JVM, nanoTime);
    }

    /** Fresh globals for one run over {@code object}, kept within its limits by {@code hook}. */
    Globals globalsFor(JsonNode object, LimitHook hook) {
        Globals globals = new Globals();
        globals.presize(0, SHARED_GLOBAL_SLOTS);
        globals.debuglib = hook;
        for (int i = 0; i < sharedGlobals.length; i += 2) {
            globals.rawset(sharedGlobals[i], sharedGlobals[i + 1]);
        }
        LuaValue load = MeteredFunction.of("load", new BaseFunctions.Load(globals));
        globals.rawset("load", load);
        globals.rawset("loadstring", load);
        globals.rawset("_G", globals);
        globals.rawset("obj", JsonLuaTable.toLua(object));
        return globals;
    }

    /** {@code require(name)}: one of the sandbox's modules. */
    private static LuaValue requireFunction(Map<String, LuaValue> modules) {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue name) {
                LuaValue module = modules.get(name.checkjstring());
                if (module == null) {
                    throw new LuaError("module '" + name.tojstring() + "' not found: health scripts may require "
                            + String.join(", ", modules.keySet().stream().sorted().toList()));
                }
                return module;
            }
        };
    }

    /** {@code print(...)}: a line in the debug log. */
    private static LuaValue printFunction() {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (!LOG.isDebugEnabled()) {
                    return LuaValue.NONE;
                }
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= args.narg(); i++) {
                    line.append(i > 1 ? "\t" : "").append(args.arg(i).tojstring());
                }
                LOG.debug("health script: {}", line);
                return LuaValue.NONE;
            }
        };
    }

    private static void copyInto(LuaValue source, LuaTable target) {
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = source.next(key);
            key = next.arg1();
            if (key.isnil()) {
                return;
            }
            target.rawset(key, next.arg(2));
        }
    }

    /**
     * LuaJ keeps the metatable of strings ({@code ("x"):upper()}) in a static field. Make it
     * point at the frozen {@code string} table so no script can change string methods for others.
     */
    private void protectStringMetatable() {
        synchronized (LuaString.class) {
            LuaValue current = LuaString.s_metatable;
            if (current == null || !(current instanceof FrozenTable)) {
                LuaString.s_metatable = FrozenTable.of("string metatable", mt -> mt.rawset(LuaValue.INDEX, string));
            }
        }
    }
}
