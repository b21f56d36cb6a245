package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
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
 * {@code table}, {@code math} ({@code string.format} fixed to format numbers as C does), a safe {@code os} ({@code time}, {@code date}, {@code difftime}),
 * {@code json}, and {@code require} for those modules. Lua 5.1 names: {@code unpack},
 * {@code loadstring}, {@code table.getn}, {@code table.maxn}, {@code math.log10}.
 *
 * <p>Library tables are built once and shared, frozen, by every run; each run gets fresh
 * globals, so a script's globals never leak into the next run. Thread-safe.
 */
final class LuaSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(LuaSandbox.class);

    private final FrozenTable string;
    private final FrozenTable table;
    private final FrozenTable math;
    private final FrozenTable os;
    private final FrozenTable json;
    private final LuaValue require;
    private final LuaValue print;

    LuaSandbox(Clock clock) {
        Globals template = new Globals();
        template.load(new BaseLib());
        template.load(new PackageLib());
        template.load(new StringLib());
        template.load(new TableLib());
        template.load(new JseMathLib());
        this.string = FrozenTable.of("string", t -> {
            copyInto(template.get("string"), t);
            t.rawset("format", new StringFormat());
            t.rawset("dump", LuaValue.NIL);
        });
        this.table = FrozenTable.of("table", t -> {
            copyInto(template.get("table"), t);
            t.rawset("getn", lengthFunction());
            t.rawset("maxn", maxnFunction());
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
        Map<String, LuaValue> modules = Map.of("string", string, "table", table, "math", math, "os", os,
                "json", json);
        this.require = new OneArgFunction() {
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
        this.print = new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= args.narg(); i++) {
                    line.append(i > 1 ? "\t" : "").append(args.arg(i).tojstring());
                }
                LOG.debug("health script: {}", line);
                return LuaValue.NONE;
            }
        };
        protectStringMetatable();
    }

    /** Fresh globals for one run over {@code object}, stopped by {@code hook} when its time is up. */
    Globals globalsFor(JsonNode object, DeadlineHook hook) {
        Globals globals = new Globals();
        globals.load(new BaseLib());
        LuaC.install(globals);
        LoadState.install(globals);
        globals.debuglib = hook;
        globals.rawset("dofile", LuaValue.NIL);
        globals.rawset("loadfile", LuaValue.NIL);
        globals.rawset("collectgarbage", LuaValue.NIL);
        globals.rawset("print", print);
        globals.rawset("loadstring", globals.rawget("load"));
        globals.rawset("string", string);
        globals.rawset("table", table);
        globals.rawset("math", math);
        globals.rawset("os", os);
        globals.rawset("require", require);
        globals.rawset("unpack", table.rawget("unpack"));
        globals.rawset("obj", JsonLuaTable.toLua(object));
        return globals;
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

    /** {@code table.getn(t)}: Lua 5.1's length of a table. */
    private static LuaValue lengthFunction() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                return LuaValue.valueOf(t.checktable().length());
            }
        };
    }

    /** {@code table.maxn(t)}: the largest positive number key, or 0. */
    private static LuaValue maxnFunction() {
        return new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                double max = 0;
                LuaValue key = LuaValue.NIL;
                while (true) {
                    Varargs next = t.checktable().next(key);
                    key = next.arg1();
                    if (key.isnil()) {
                        return LuaValue.valueOf(max);
                    }
                    if (key.isnumber() && key.todouble() > max) {
                        max = key.todouble();
                    }
                }
            }
        };
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
