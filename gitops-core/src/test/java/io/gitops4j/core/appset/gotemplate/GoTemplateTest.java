package io.gitops4j.core.appset.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Go text/template semantics, with the cases of Argo CD's {@code TestRenderTemplateParamsGoTemplate}
 * (applicationset/utils) written as our own, and Go's documented behaviour beyond them.
 */
class GoTemplateTest {

    private static String run(String template, Object data) {
        return GoTemplate.parse(template, "base").execute(data, GoTemplate.Options.defaults());
    }

    private static String runMissingKeyError(String template, Object data) {
        return GoTemplate.parse(template, "base").execute(data,
                GoTemplate.Options.defaults().withGoTemplateOptions(List.of("missingkey=error")));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // --- Argo CD's TestRenderTemplateParamsGoTemplate, case by case ---

    @Test
    void simpleSubstitution() {
        assertThat(run("{{ .one }}", map("one", "two"))).isEqualTo("two");
        assertThat(run("{{.one}}", map("one", "two"))).isEqualTo("two");
    }

    @Test
    void valuesThatLookLikeTemplatesAreNotRenderedAgain() {
        assertThat(run("{{ .one }}", map("one", "{{one}}"))).isEqualTo("{{one}}");
        assertThat(run("{{ .one }}", map("one", "{{two}}"))).isEqualTo("{{two}}");
    }

    @Test
    void severalActionsOnALine() {
        assertThat(run("{{.one}}{{.one}}", map("one", "two"))).isEqualTo("twotwo");
        assertThat(run("{{.one}}{{.three}}", map("one", "two", "three", "four"))).isEqualTo("twofour");
        assertThat(run("{{.one}} {{.three}}", map("one", "\"hello\" world", "three", "four")))
                .isEqualTo("\"hello\" world four");
    }

    @Test
    void nestedFields() {
        Map<String, Object> params = map("replicas", 3.0, "image", map("name", "busybox", "version", "latest"));
        assertThat(run("{{ .image.version }}", params)).isEqualTo("latest");
        assertThat(run("{{ .image.name }}:{{ .image.version }}", params)).isEqualTo("busybox:latest");
    }

    @Test
    void ifElse() {
        String template = "{{ if .hpa.enabled }}{{ .hpa.maxReplicas }}{{ else }}{{ .replicas }}{{ end }}";
        assertThat(run(template, map("replicas", 3.0, "hpa", map("enabled", true, "minReplicas", 1.0, "maxReplicas", 5.0))))
                .isEqualTo("5");
        assertThat(run(template, map("replicas", 3.0, "hpa", map("enabled", false, "minReplicas", 1.0, "maxReplicas", 5.0))))
                .isEqualTo("3");
    }

    @Test
    void rangeOverAList() {
        Map<String, Object> params = map("volumes", List.of(map("name", "volume-one", "emptyDir", map()),
                map("name", "volume-two", "emptyDir", map())));
        assertThat(run("{{ range .volumes }}[{{ .name }}]{{ end }}", params)).isEqualTo("[volume-one][volume-two]");
    }

    @Test
    void indexWithKeysThatAreNotIdentifiers() {
        Map<String, Object> params = map("admin", map("admin-ca", "value admin ca", "admin-jks", "value admin jks"));
        assertThat(run("{{ index .admin \"admin-ca\" }}, {{ index .admin \"admin-jks\" }}", params))
                .isEqualTo("value admin ca, value admin jks");
        Map<String, Object> escaped = map("admin", map("admin-ca", "value \"admin\" ca with \\", "admin-jks", "value admin jks"));
        assertThat(run("{{ index .admin \"admin-ca\" }}, \\\\ \"Hello world\", {{ index .admin \"admin-jks\" }}", escaped))
                .isEqualTo("value \"admin\" ca with \\, \\\\ \"Hello world\", value admin jks");
    }

    @Test
    void quoteCharacterPassesThrough() {
        assertThat(run("{{.quote}}", map("quote", "\""))).isEqualTo("\"");
    }

    @Test
    void unknownFunctionIsAParseError() {
        assertThatThrownBy(() -> GoTemplate.parse("{{functiondoesnotexist}}", "base"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: base:1: function \"functiondoesnotexist\" not defined");
    }

    @Test
    void fieldOfAStringIsAnExecutionError() {
        assertThatThrownBy(() -> run("{{.data.test}}", map("data", "a data string")))
                .hasMessage("template: base:1:7: executing \"base\" at <.data.test>: can't evaluate field test in type interface {}");
    }

    @Test
    void missingKeyDefaultPrintsNoValue() {
        assertThat(run("--> {{.doesnotexist}} <--", map("unused", "x"))).isEqualTo("--> <no value> <--");
    }

    @Test
    void missingKeyErrorFails() {
        assertThatThrownBy(() -> runMissingKeyError("--> {{.doesnotexist}} <--", map("unused", "x")))
                .hasMessage("template: base:1:6: executing \"base\" at <.doesnotexist>: map has no entry for key \"doesnotexist\"");
    }

    @Test
    void toYamlAndIndent() {
        Map<String, Object> params = map("foo", map("bar", map("bool", true, "number", 2.0, "str", "Hello world")));
        assertThat(run("{{ toYaml . | indent 2 }}", params))
                .isEqualTo("  foo:\n    bar:\n      bool: true\n      number: 2\n      str: Hello world");
    }

    @Test
    void fromYaml() {
        assertThat(run("{{ get (fromYaml .value) \"hello\" }}", map("value", "hello: world"))).isEqualTo("world");
        assertThatThrownBy(() -> run("{{ get (fromYaml .value) \"hello\" }}", map("value", "non\n compliant\n yaml")))
                .hasMessageStartingWith("template: base:1:8: executing \"base\" at <fromYaml .value>: error calling fromYaml: ");
    }

    @Test
    void fromYamlArray() {
        assertThat(run("{{ fromYamlArray .value | last }}", map("value", "- hello world\n- bonjour tout le monde")))
                .isEqualTo("bonjour tout le monde");
        assertThatThrownBy(() -> run("{{ fromYamlArray .value | last }}", map("value", "non\n compliant\n yaml")))
                .hasMessageStartingWith("template: base:1:3: executing \"base\" at <fromYamlArray .value>: error calling fromYamlArray: ");
    }

    // --- the functions the issue names ---

    @Test
    void defaultLowerUpperReplaceTrunc() {
        Map<String, Object> params = map("name", "Guest-Book", "empty", "");
        assertThat(run("{{ default \"dev\" .env }}", params)).isEqualTo("dev");
        assertThat(run("{{ .empty | default \"x\" }}", params)).isEqualTo("x");
        assertThat(run("{{ .name | default \"x\" }}", params)).isEqualTo("Guest-Book");
        assertThat(run("{{ lower .name }}/{{ upper .name }}", params)).isEqualTo("guest-book/GUEST-BOOK");
        assertThat(run("{{ replace \"-\" \"_\" .name }}", params)).isEqualTo("Guest_Book");
        assertThat(run("{{ .name | replace \"-\" \"\" | lower }}", params)).isEqualTo("guestbook");
        assertThat(run("{{ trunc 5 .name }}|{{ trunc -4 .name }}|{{ trunc 50 .name }}", params))
                .isEqualTo("Guest|Book|Guest-Book");
    }

    @Test
    void toJsonQuoteNormalize() {
        Map<String, Object> params = map("labels", map("b", "x<y", "a", 1.0), "name", "My_App.", "n", 1.5);
        assertThat(run("{{ toJson .labels }}", params)).isEqualTo("{\"a\":1,\"b\":\"x\\u003cy\"}");
        assertThat(run("{{ quote .name }} {{ .n | quote }}", params)).isEqualTo("\"My_App.\" \"1.5\"");
        assertThat(run("{{ normalize .name }}", params)).isEqualTo("my-app");
    }

    @Test
    void jsonNumbersPrintAsGoPrintsFloat64() {
        assertThat(run("{{ .a }} {{ .b }} {{ .c }} {{ .d }}", map("a", 3.0, "b", 1000000.0, "c", 0.5, "d", 123456.0)))
                .isEqualTo("3 1e+06 0.5 123456");
    }

    @Test
    void typedParametersRefuseFloat64LikeGo() {
        assertThatThrownBy(() -> run("{{ trunc .n .s }}", map("n", 3.0, "s", "abcdef")))
                .hasMessageContaining("wrong type for value; expected int; got float64");
        assertThatThrownBy(() -> run("{{ lower .missing }}", map()))
                .hasMessageContaining("invalid value; expected string");
    }

    @Test
    void variablesRangeWithKeysAndElseIf() {
        Map<String, Object> params = map("m", map("b", "2", "a", "1"), "env", "staging");
        assertThat(run("{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}", params)).isEqualTo("a=1;b=2;");
        assertThat(run("{{ $x := .env }}{{ if eq $x \"prod\" }}P{{ else if eq $x \"staging\" }}S{{ else }}D{{ end }}", params))
                .isEqualTo("S");
        assertThat(run("{{ with .m.a }}[{{ . }}]{{ else }}none{{ end }}{{ with .nope }}x{{ else }}none{{ end }}", params))
                .isEqualTo("[1]none");
        assertThat(run("{{ range .nope }}x{{ else }}empty{{ end }}", params)).isEqualTo("empty");
        assertThat(run("{{ range $i, $e := list \"a\" \"b\" \"c\" }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $e }}{{ end }}", params))
                .isEqualTo("ac");
        assertThat(run("{{ range 5 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ . }}{{ end }}", params)).isEqualTo("012");
        assertThat(run("{{ $.env }}{{ range .m }}{{ $.env }}{{ end }}", params)).isEqualTo("stagingstagingstaging");
    }

    @Test
    void assignmentChangesTheOuterVariable() {
        assertThat(run("{{ $n := \"a\" }}{{ range list 1 2 }}{{ $n = \"b\" }}{{ end }}{{ $n }}", map())).isEqualTo("b");
    }

    @Test
    void andOrShortCircuitAndReturnOperands() {
        assertThat(run("{{ or .nope \"fallback\" }}|{{ and \"x\" \"y\" }}|{{ and .nope .nope.deeper }}", map()))
                .isEqualTo("fallback|y|<no value>");
    }

    @Test
    void comparisonsFollowGoKinds() {
        assertThat(run("{{ eq .a \"x\" \"y\" }} {{ ne .a \"z\" }} {{ lt 1 2 }} {{ ge \"b\" \"a\" }}", map("a", "y")))
                .isEqualTo("true true true true");
        assertThatThrownBy(() -> run("{{ eq .n 3 }}", map("n", 3.0)))
                .hasMessageContaining("incompatible types for comparison");
        assertThat(run("{{ eq .missing \"x\" }}", map())).isEqualTo("false");
    }

    @Test
    void trimMarkersAndComments() {
        assertThat(run("a  {{- /* note */ -}}  b {{- \" c\" }}\n{{- \"d\" -}}\n e", map())).isEqualTo("ab cde");
    }

    @Test
    void printfAndPrint() {
        assertThat(run("{{ printf \"%s-%d-%v-%q-%05d\" \"a\" 7 .f \"q\" 42 }}", map("f", 2.5))).isEqualTo("a-7-2.5-\"q\"-00042");
        assertThat(run("{{ print \"a\" 1 2 \"b\" }}", map())).isEqualTo("a1 2b");
        assertThat(run("{{ printf \"%d\" .f }}", map("f", 2.0))).isEqualTo("%!d(float64=2)");
    }

    @Test
    void parenthesizedPipelinesAndChains() {
        Map<String, Object> params = map("cfg", "a: {b: c}");
        assertThat(run("{{ (fromYaml .cfg).a.b }}", params)).isEqualTo("c");
        assertThat(run("{{ (list 1 2 3) | len }}", params)).isEqualTo("3");
        assertThat(run("{{ index (list \"x\" \"y\") 1 }}", params)).isEqualTo("y");
    }

    @Test
    void parseErrorsNameTheLine() {
        assertThatThrownBy(() -> GoTemplate.parse("ok\n{{ if .a }}", "base")).hasMessage("template: base:2: unexpected EOF");
        assertThatThrownBy(() -> GoTemplate.parse("{{ end }}", "base")).hasMessageContaining("unexpected {{end}}");
        assertThatThrownBy(() -> GoTemplate.parse("{{ $x }}", "base")).hasMessageContaining("undefined variable \"$x\"");
        assertThatThrownBy(() -> GoTemplate.parse("{{ .a", "base")).hasMessageContaining("unclosed action");
        assertThatThrownBy(() -> GoTemplate.parse("{{ break }}", "base")).hasMessageContaining("{{break}} outside {{range}}");
        // found by ApplicationSetFuzzTest (seed 99): an empty command before a pipe failed with IndexOutOfBoundsException
        assertThatThrownBy(() -> GoTemplate.parse("{{|1e400}}", "base")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("missing command");
        assertThatThrownBy(() -> GoTemplate.parse("{{ .a | }}", "base")).hasMessageContaining("missing command after |");
        assertThatThrownBy(() -> GoTemplate.parse("{{ define \"x\" }}{{ end }}", "base")).hasMessageContaining("not supported");
    }

    @Test
    void boundsStopRunawayTemplates() {
        GoTemplate.Options small = new GoTemplate.Options(false, 100, 1_000);
        assertThatThrownBy(() -> GoTemplate.parse("{{ range 100000000 }}x{{ end }}", "base").execute(map(), small))
                .hasMessageContaining("limit of 1000 steps");
        assertThatThrownBy(() -> GoTemplate.parse("{{ range 50 }}xxxxxxxxxx{{ end }}", "base").execute(map(), small))
                .hasMessageContaining("output exceeds the limit of 100 characters");
        assertThatThrownBy(() -> run("{{ repeat 100000000 \"abcdefgh\" }}", map()))
                .hasMessageContaining("error calling repeat");
        assertThatThrownBy(() -> GoTemplate.parse("{{ if 1 }}".repeat(200), "base"))
                .hasMessageContaining("nested deeper than 100");
    }

    @Test
    void unknownGoTemplateOptionIsRefused() {
        assertThatThrownBy(() -> GoTemplate.Options.defaults().withGoTemplateOptions(List.of("missingkey=bogus")))
                .hasMessageContaining("missingkey=bogus");
    }
}
