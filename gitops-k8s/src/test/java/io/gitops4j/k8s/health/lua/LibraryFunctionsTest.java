package io.gitops4j.k8s.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.k8s.health.Health;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library functions the sandbox writes itself so that they stay within the run's limits
 * ({@code table.*}, {@code unpack}, {@code string.rep}, {@code string.byte}) answer as in Lua 5.1
 * (with Lua 5.2's separator for {@code string.rep}).
 */
class LibraryFunctionsTest {

    private static final ObjectNode OBJECT = Json.parseObject("""
            {"kind": "List", "items": [{"name": "b", "age": 2}, {"name": "a", "age": 2}, {"name": "c", "age": 1}]}
            """, "test");

    private final LuaSandbox sandbox = new LuaSandbox(Clock.systemUTC());

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            local t = {1, 2} table.insert(t, 3) return show(unpack(t))                 | 1 2 3
            local t = {1, 2} table.insert(t, 1, 0) return show(unpack(t))              | 0 1 2
            local t = {1, 2} table.insert(t, 2, 'x') return show(unpack(t))            | 1 x 2
            local t = {1, 2} table.insert(t, 5, 'x') return show(t[3], t[5], #t == 2 or #t == 5) | nil x true
            local t = {1, 2} table.insert(t, 1, 2, 3)                                   | error: wrong number of arguments to 'insert'
            local t = {1, 2, 3} return show(table.remove(t), #t)                       | 3 2
            local t = {1, 2, 3} return show(table.remove(t, 1), unpack(t))             | 1 2 3
            local t = {1, 2, 3} return show(select('#', table.remove(t, 7)), #t)       | 0 3
            local t = {} return show(select('#', table.remove(t)))                     | 0
            return table.concat({1, 'b', 3.5}, ', ')                                   | 1, b, 3.5
            return table.concat({'a', 'b', 'c', 'd'}, '-', 2, 3)                       | b-c
            return show(table.concat({}, 'x'), table.concat({'a'}, 'x', 3))            | ` `
            return table.concat({'a', {}, 'c'})                                        | error: invalid value (at index 2) in table for 'concat'
            local t = {5, 2, 8, 1} table.sort(t) return show(unpack(t))                | 1 2 5 8
            local t = {'b', 'c', 'a'} table.sort(t, function(a, b) return a > b end) return show(unpack(t)) | c b a
            local t = obj.items table.sort(t, function(a, b) return a.age < b.age end) return show(t[1].name, t[2].name, t[3].name) | c b a
            local t = {3, 'x', 1} table.sort(t)                                        | error: attempt to compare
            local t = {3, 1, 2} table.sort(t, function(a, b) return true end) return #t | 3
            return show(unpack({1, 2, 3}, 2))                                          | 2 3
            return show(unpack({1, 2, 3}, 2, 4))                                       | 2 3 nil
            return show(select('#', unpack({1, 2, 3}, 3, 1)))                          | 0
            return show(table.getn({1, 2, 3}), table.maxn({1, 2, [10] = 3, x = 4}))    | 3 10
            return string.rep('ab', 3)                                                 | ababab
            return string.rep('ab', 3, ', ')                                           | ab, ab, ab
            return show(string.rep('ab', 0), string.rep('ab', -1), string.rep('', 5, '-')) | `  ----`
            return show(string.byte('ABC'), string.byte('ABC', 2), string.byte('ABC', -1)) | 65 66 67
            return show(string.byte('ABC', 1, -1))                                     | 65 66 67
            return show(select('#', string.byte('ABC', 3, 2)), string.byte('ABC', 0, 9)) | 0 65 66 67
            return show(string.upper('Ready'), string.lower('Ready'), string.reverse('abc')) | READY ready cba
            """)
    void libraryFunctionsAnswerAsInLua(String script, String expected) {
        String show = "local function show(...) local t = {} for i = 1, select('#', ...) do"
                + " t[i] = tostring((select(i, ...))) end return table.concat(t, ' ') end ";
        Optional<Health> health = LuaHealthScript.compile("library/health.lua",
                show + "local result = (function() " + script + " end)() return {status = 'Healthy', message = result}")
                .run(OBJECT, sandbox, LuaLimits.DEFAULT);
        if (expected.startsWith("error: ")) {
            assertThat(health).get().satisfies(h -> assertThat(h.message())
                    .startsWith("library/health.lua:1: ").contains(expected.substring("error: ".length())));
        } else {
            assertThat(health).contains(Health.healthy(expected));
        }
    }
}
