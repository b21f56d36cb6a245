package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A Lua table holding a JSON object or array, filled on first use: a script that reads
 * {@code obj.status.conditions} never pays for converting {@code obj.spec.template} or
 * {@code obj.metadata.managedFields}. Every entry point that reads or writes the table's
 * contents fills it first; afterwards it is an ordinary table the script may change. Filling
 * counts toward the run's time limit like the work of any library function.
 */
final class JsonLuaTable extends LuaTable {

    private JsonNode pending;

    JsonLuaTable(JsonNode source) {
        this.pending = source;
    }

    /** The Lua value of a JSON value: tables for objects and arrays, nil for null. */
    static LuaValue toLua(JsonNode node) {
        if (node.isContainerNode()) {
            return new JsonLuaTable(node);
        }
        if (node.isTextual()) {
            return LuaValue.valueOf(node.textValue());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.canConvertToInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.NIL;
    }

    private void fill() {
        JsonNode source = pending;
        if (source == null) {
            return;
        }
        pending = null;
        RunBudget.current().step(source.size());
        if (source.isArray()) {
            presize(source.size());
            for (int i = 0; i < source.size(); i++) {
                super.rawset(i + 1, toLua(source.get(i)));
            }
        } else {
            presize(0, source.size());
            for (Map.Entry<String, JsonNode> field : source.properties()) {
                super.rawset(LuaValue.valueOf(field.getKey()), toLua(field.getValue()));
            }
        }
    }

    @Override
    public LuaValue get(int key) {
        fill();
        return super.get(key);
    }

    @Override
    public LuaValue get(LuaValue key) {
        fill();
        return super.get(key);
    }

    @Override
    public LuaValue rawget(int key) {
        fill();
        return super.rawget(key);
    }

    @Override
    public LuaValue rawget(LuaValue key) {
        fill();
        return super.rawget(key);
    }

    @Override
    public void set(int key, LuaValue value) {
        fill();
        super.set(key, value);
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        fill();
        super.set(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        fill();
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        fill();
        super.rawset(key, value);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        fill();
        super.hashset(key, value);
    }

    @Override
    public int length() {
        fill();
        return super.length();
    }

    @Override
    public int rawlen() {
        fill();
        return super.rawlen();
    }

    @Override
    public Varargs next(LuaValue key) {
        fill();
        return super.next(key);
    }

    @Override
    public void sort(LuaValue comparator) {
        fill();
        super.sort(comparator);
    }

    @Override
    public int keyCount() {
        fill();
        return super.keyCount();
    }

    @Override
    public Varargs unpack(int i, int j) {
        fill();
        return super.unpack(i, j);
    }
}
