package io.gitops4j.k8s.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.k8s.health.Health;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;

/**
 * The sandbox's own {@code string.find/match/gmatch/gsub}: the examples of the Lua manual and
 * Lua's corner cases, and the same answers as LuaJ's matcher (which Argo CD's scripts were
 * checked against before it was replaced) on thousands of generated patterns.
 */
class PatternFunctionsTest {

    private static final ObjectNode OBJECT = Json.parseObject("{\"kind\": \"Pattern\"}", "test");

    private final LuaSandbox sandbox = new LuaSandbox(Clock.systemUTC());

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            string.find('hello world', 'o w')                          | 5 7
            string.find('hello', 'l+')                                 | 3 4
            string.find('hello', 'l', 1, true)                         | 3 3
            string.find('a.b', '.', 1, true)                           | 2 2
            string.find('abc', 'c', -1)                                | 3 3
            string.find('abc', 'b', -1)                                | nil
            string.find('abc', '', 10)                                 | 4 3
            string.find('THE (quick) fox', '%((%a+)%)')                | 5 11 quick
            string.find('abc', '^b')                                   | nil
            string.find('aaab', 'a-b')                                 | 1 4
            string.match('key=value', '(%w+)=(%w+)')                   | key value
            string.match('2027-02-19T10:00:00Z', '(%d+)-(%d+)-(%d+)T') | 2027 02 19
            string.match('  trim me  ', '^%s*(.-)%s*$')                | trim me
            string.match('f(a(b)c)d', '%b()')                          | (a(b)c)
            string.match('hello', '()ll()')                            | 3 5
            string.match('abcabc', '(abc)%1')                          | abc
            string.match('abab', '()b%1')                              | nil
            string.match('x1 _!', '%w%d%s%p%p')                        | x1 _!
            string.match('abc123', '%D+')                              | abc
            string.match('Az09', '%u%l?%x+')                           | Az09
            string.match('[x]', '[%[]')                                | [
            string.match('a]b', '[]]')                                 | ]
            string.match('a-b', '[a-]+')                               | a-
            string.match('zebra', '[^a-d]+')                           | ze
            string.match('v1.25.3', '^v(%d+)%.(%d+)')                  | 1 25
            string.match('end$', 'd$')                                 | nil
            string.match('end$', 'd%$$')                               | d$
            string.match('THE (quick) fox', '%f[%a]%a+', 5)            | quick
            string.gsub('hello world', '(%w+)', '%1 %1')               | hello hello world world 2
            string.gsub('hello world', '%w+', '%0 %0', 1)              | hello hello world 1
            string.gsub('abc', '', '-')                                | -a-b-c- 4
            string.gsub('hello', 'l', {l = 'L'})                       | heLLo 2
            string.gsub('$name-$v', '%$(%w+)', string.upper)           | NAME-V 2
            string.gsub('aaa', '^a', 'b')                              | baa 1
            string.gsub('abc', '()', '%1')                             | 1a2b3c4 4
            string.gsub('100%', '%%', ' percent')                      | 100 percent 1
            string.gsub('a,b', ',', '%%')                              | a%b 1
            string.gsub('THE (quick) fox', '%f[%a]%a+', 'W')           | W (W) W 3
            string.gsub('abc', '%w', function(c) if c ~= 'b' then return c .. c end end) | aabcc 3
            """)
    void patternsWorkAsInLua(String call, String expected) {
        assertThat(run("return {status = 'Healthy', message = show(" + call + ")}"))
                .contains(Health.healthy(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            string.match('a', '(')                         | unfinished capture
            string.match('a', ')')                         | invalid pattern capture
            string.match('a', 'a%')                        | malformed pattern (ends with '%')
            string.match('a', '[a')                        | malformed pattern (missing ']')
            string.match('a', '%b')                        | malformed pattern (missing arguments to '%b')
            string.match('a', '%fa')                       | missing '[' after '%f' in pattern
            string.match('a', '%1')                        | invalid capture index
            string.gsub('a', '(a)', '%2')                  | invalid capture index
            string.gsub('a', 'a', '%')                     | invalid use of '%' in replacement string
            string.gsub('a', 'a', {a = true})              | invalid replacement value (a boolean)
            string.match(string.rep('a', 300), string.rep('a?', 300)) | pattern too complex
            string.match('a', string.rep('()', 33))        | too many captures
            """)
    void malformedPatternsAreLuaErrors(String call, String message) {
        assertThat(run("return {status = 'Healthy', message = " + call + "}"))
                .contains(Health.unknown("pattern/health.lua:1: " + message));
    }

    @Test
    void gmatchIteratesAsInLua() {
        assertThat(run("""
                local words, pairs_, empties = {}, {}, 0
                for w in string.gmatch("one two  three", "%a+") do words[#words + 1] = w end
                for k, v in string.gmatch("a=1, b=2", "(%w+)=(%w+)") do pairs_[#pairs_ + 1] = k .. v end
                for e in string.gmatch("abc", "x*") do empties = empties + 1 end
                return {status = "Healthy", message = table.concat(words, ",") .. " " .. table.concat(pairs_, ",")
                    .. " " .. empties}
                """)).contains(Health.healthy("one,two,three a1,b2 4"));
    }

    /**
     * Thousands of generated patterns and subjects: the same matches and captures as LuaJ's
     * matcher. Not {@code %f}, which LuaJ 3.0.1 gets wrong (it needs neither side in the set),
     * nor a back reference to a position capture, which LuaJ matches with a negative length (in
     * Lua it never matches); the examples above hold both to Lua's meaning.
     */
    @Test
    void answersAsLuajsMatcherDid() {
        Globals luaj = new Globals();
        luaj.load(new BaseLib());
        luaj.load(new PackageLib());
        luaj.load(new StringLib());
        LuaValue theirs = luaj.get("string");
        Map<String, LuaValue> ours = PatternFunctions.all();
        Random random = new Random(12);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < 4000; i++) {
            String subject = randomText(random, "ab1 ().-x", random.nextInt(12));
            String pattern = randomPattern(random);
            if (pattern.contains("()") && pattern.contains("%1")) {
                continue;
            }
            for (String function : List.of("find", "match", "gsub")) {
                Varargs args = function.equals("gsub")
                        ? LuaValue.varargsOf(LuaValue.valueOf(subject), LuaValue.valueOf(pattern), LuaValue.valueOf("<%0>"))
                        : LuaValue.varargsOf(LuaValue.valueOf(subject), LuaValue.valueOf(pattern));
                Optional<String> expected = outcome(theirs.get(function), args, true);
                Optional<String> actual = outcome(ours.get(function), args, false);
                if (expected.isPresent() && actual.isPresent()) {
                    compared++;
                    if (!expected.equals(actual)) {
                        differences.add(function + "('" + subject + "', '" + pattern + "'): LuaJ " + expected.get()
                                + ", ours " + actual.get());
                    }
                } else if (expected.isPresent() != actual.isPresent()) {
                    differences.add(function + "('" + subject + "', '" + pattern + "'): LuaJ " + expected
                            + ", ours " + actual);
                }
            }
        }
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(8000);
    }

    /** The results as text, or empty when the call is a Lua error (or, for LuaJ, one of its own Java exceptions). */
    private static Optional<String> outcome(LuaValue function, Varargs args, boolean luaj) {
        try {
            Varargs result = function.invoke(args);
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= result.narg(); i++) {
                text.append(i > 1 ? "|" : "").append(result.arg(i).tojstring());
            }
            return Optional.of(text.toString());
        } catch (LuaError e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            if (luaj) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String randomPattern(Random random) {
        String[] items = {"a", "b", "x", ".", "%a", "%d", "%s", "%p", "%w", "%A", "[ab]", "[^a]", "[a-c1]", "%(", "%.",
            "1", " ", "%b()", "(", ")", "()", "%1"};
        String[] repetitions = {"", "", "", "*", "+", "-", "?"};
        StringBuilder pattern = new StringBuilder(random.nextInt(6) == 0 ? "^" : "");
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String item = items[random.nextInt(items.length)];
            pattern.append(item);
            if (item.length() == 1 && item.charAt(0) != '(' && item.charAt(0) != ')' || item.startsWith("%") && item.length() == 2
                    && item.charAt(1) != '1' || item.startsWith("[")) {
                pattern.append(repetitions[random.nextInt(repetitions.length)]);
            }
        }
        return pattern.append(random.nextInt(6) == 0 ? "$" : "").toString();
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private Optional<Health> run(String source) {
        String show = "local function show(...) local t = {} for i = 1, select('#', ...) do"
                + " t[i] = tostring((select(i, ...))) end return table.concat(t, ' ') end ";
        return LuaHealthScript.compile("pattern/health.lua", show + source).run(OBJECT, sandbox, LuaLimits.DEFAULT);
    }
}
