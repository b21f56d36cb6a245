package io.gitops4j.core.project.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Globs as gobwas/glob reads them: Argo CD's util/glob cases, gobwas' documented examples, its quirks. */
class GoGlobTest {

    @ParameterizedTest(name = "{1} matches {0}: {2}")
    @CsvSource({
        // Argo CD util/glob Test_Match and Test_MatchWithError
        "hello, hello, true",
        "hello, hell, false",
        "hello, hell*, true",
        "hello, h*, true",
        "hello, e*, false",
        "e[[a*, e[[a*, false",
    })
    void argoMatch(String input, String pattern, boolean expected) {
        assertThat(GoGlob.match(pattern, input)).isEqualTo(expected);
        // MatchWithError: the same answer where the pattern compiles, an error where it does not
        assertThat(GoGlob.tryCompile(pattern).map(g -> g.matches(input))).isEqualTo(
                pattern.equals("e[[a*") ? java.util.Optional.empty() : java.util.Optional.of(expected));
    }

    @Test
    void argoMatchWithErrorNamesTheReason() {
        assertThatThrownBy(() -> GoGlob.compile("e[[a*")).isInstanceOf(GlobSyntaxException.class)
                .hasMessageContaining("unexpected end of input");
        assertThat(GoGlob.compile("hell*").matches("hello")).isTrue();
    }

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // gobwas/glob's documented examples
        "*.github.com|api.github.com|true",
        "?at|cat|true",
        "?at|fat|true",
        "?at|at|false",
        "[abc]at|cat|true",
        "[abc]at|bat|true",
        "[abc]at|fat|false",
        "[abc]at|at|false",
        "[!abc]at|cat|false",
        "[!abc]at|fat|true",
        "[!abc]at|at|false",
        "[a-c]at|cat|true",
        "[a-c]at|fat|false",
        "[!a-c]at|bat|false",
        "[!a-c]at|fat|true",
        "{cat,bat,[fr]at}|cat|true",
        "{cat,bat,[fr]at}|rat|true",
        "{cat,bat,[fr]at}|at|false",
        "{cat,bat,[fr]at}|zat|false",
        "https://*.google.*|https://account.google.com|true",
        "https://*.google.*|https://google.com|false",
        "{https://*gobwas.com,http://exclude.gobwas.com}|https://safe.gobwas.com|true",
        "{https://*gobwas.com,http://exclude.gobwas.com}|http://safe.gobwas.com|false",
        "[a-z][!a-x]*cat*[h][!b]*eyes*|my cat has very bright eyes|true",
        "[a-z][!a-x]*cat*[h][!b]*eyes*|my dog has very bright eyes|false",
        // quirks: , and } outside braces are text, an unclosed brace closes at the end, \ quotes
        "a,b|a,b|true",
        "a}|a}|true",
        "{a,b|b|true",
        "\\*|*|true",
        "\\*|x|false",
        "[abc-d]|-|true",
        "{a,{b,c}d}|cd|true",
        "{a,{b,c}d}|c|false",
        "***|anything|true",
    })
    void gobwasSemantics(String pattern, String text, boolean expected) {
        assertThat(GoGlob.compile(pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void separatorsStopOneStarButNotTwo() {
        assertThat(GoGlob.compile("api.*.com", '.').matches("api.github.com")).isTrue();
        assertThat(GoGlob.compile("api.*.com", '.').matches("api.gi.hub.com")).isFalse();
        assertThat(GoGlob.compile("api.**.com", '.').matches("api.gi.hub.com")).isTrue();
        assertThat(GoGlob.compile("?at", 'f').matches("fat")).isFalse();
        assertThat(GoGlob.compile("a*b").matches("a/b")).isTrue();
        assertThat(GoGlob.compile("a*b", '/').matches("a/b")).isFalse();
    }

    @Test
    void malformedClassesAreRefusedAsGobwasRefusesThem() {
        assertThatThrownBy(() -> GoGlob.compile("[a-z0-9]")).hasMessageContaining("expected close range character");
        assertThatThrownBy(() -> GoGlob.compile("[]")).hasMessageContaining("could not parse range");
        assertThatThrownBy(() -> GoGlob.compile("[z-a]")).hasMessageContaining("should be greater");
        assertThat(GoGlob.tryCompile("[")).isEmpty();
    }

    @Test
    void aPatternMadeToBacktrackStillAnswers() {
        String pattern = "*a".repeat(200) + "b";
        assertThat(GoGlob.compile(pattern).matches("a".repeat(5_000))).isFalse();
        assertThat(GoGlob.compile("{" + "a,".repeat(500) + "b}".repeat(1)).matches("b")).isTrue();
    }
}
