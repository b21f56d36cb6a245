package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The {@code json} module Argo CD's scripts {@code require}: {@code json.decode(text)} and
 * {@code json.encode(value)}. An empty table encodes as {@code []}, as in Argo CD. Decoding is
 * checked against the run's memory limit first (a parsed tree takes about
 * {@value #TREE_BYTES_PER_CHARACTER} times the text); encoding counts every value it visits, so
 * that a table that holds the same table many times over meets the time or memory limit.
 */
final class JsonModule {

    /** Bytes of Jackson tree and Lua tables per character of JSON text, at worst ({@code [1,1,...]}). */
    static final int TREE_BYTES_PER_CHARACTER = 12;

    private JsonModule() {
    }

    static FrozenTable create() {
        return FrozenTable.of("json", table -> {
            table.rawset("decode", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue text) {
                    LuaString json = text.checkstring();
                    RunBudget.current().allocate((long) json.m_length * TREE_BYTES_PER_CHARACTER,
                            "json.decode would need about");
                    try {
                        return JsonLuaTable.toLua(Json.mapper().readTree(json.tojstring()));
                    } catch (JsonProcessingException e) {
                        throw new LuaError("json.decode: " + e.getOriginalMessage());
                    }
                }
            });
            table.rawset("encode", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue value) {
                    return LuaValue.valueOf(Json.write(toJson(value, 0, RunBudget.current())));
                }
            });
        });
    }

    /** The JSON form of a Lua value: tables with keys 1..n become arrays, other tables objects. */
    static JsonNode toJson(LuaValue value, int depth, RunBudget budget) {
        budget.step(1);
        if (depth > 100) {
            throw new LuaError("json.encode: tables nested more than 100 deep (a table that contains itself?)");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value.type()) {
            case LuaValue.TNIL -> nodes.nullNode();
            case LuaValue.TBOOLEAN -> nodes.booleanNode(value.toboolean());
            case LuaValue.TNUMBER -> value.isint() ? nodes.numberNode(value.toint()) : nodes.numberNode(value.todouble());
            case LuaValue.TSTRING -> {
                budget.stepBytes(value.rawlen());
                yield nodes.textNode(value.tojstring());
            }
            case LuaValue.TTABLE -> tableToJson(value.checktable(), depth, budget);
            default -> throw new LuaError("json.encode: cannot encode a " + value.typename());
        };
    }

    private static JsonNode tableToJson(LuaTable table, int depth, RunBudget budget) {
        int length = table.rawlen();
        if (length == table.keyCount()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(length);
            for (int i = 1; i <= length; i++) {
                array.add(toJson(table.rawget(i), depth + 1, budget));
            }
            return array;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = table.next(key);
            key = next.arg1();
            if (key.isnil()) {
                return object;
            }
            object.set(key.tojstring(), toJson(next.arg(2), depth + 1, budget));
        }
    }
}
