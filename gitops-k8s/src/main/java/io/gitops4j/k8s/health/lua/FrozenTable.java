package io.gitops4j.k8s.health.lua;

import java.util.function.Consumer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A library table shared by every script run: readable like any table, but a script that tries
 * to change it gets an error, so one script can never break another. Its functions are
 * {@linkplain MeteredFunction metered}, named {@code <table>.<key>}.
 */
final class FrozenTable extends LuaTable {

    private final String name;
    private boolean frozen;

    private FrozenTable(String name) {
        this.name = name;
    }

    /** A frozen table built by {@code filler}, which may set entries before it freezes. */
    static FrozenTable of(String name, Consumer<LuaTable> filler) {
        FrozenTable table = new FrozenTable(name);
        filler.accept(table);
        for (LuaValue key : table.keys()) {
            table.rawset(key, MeteredFunction.of(name + "." + key.tojstring(), table.rawget(key)));
        }
        return table.freeze();
    }

    private FrozenTable freeze() {
        frozen = true;
        return this;
    }

    @Override
    public void rawset(int key, LuaValue value) {
        refuseWhenFrozen();
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        refuseWhenFrozen();
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        refuseWhenFrozen();
        return super.setmetatable(metatable);
    }

    @Override
    public void sort(LuaValue comparator) {
        refuseWhenFrozen();
        super.sort(comparator);
    }

    @Override
    public LuaValue remove(int pos) {
        refuseWhenFrozen();
        return super.remove(pos);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        refuseWhenFrozen();
        super.insert(pos, value);
    }

    private void refuseWhenFrozen() {
        if (frozen) {
            throw new LuaError("the " + name + " library is shared by every health script and cannot be changed");
        }
    }
}
