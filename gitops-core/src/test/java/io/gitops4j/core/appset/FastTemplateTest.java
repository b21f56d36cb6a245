package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** fasttemplate as Argo CD runs it: only strings holding a tag on one line are templated. */
class FastTemplateTest {

    private static final Map<String, Object> PARAMS = Map.of("a", "x", "n", 3.0);

    @Test
    void tagsAcrossLinesAreLeftAlone() {
        assertThat(FastTemplate.render("{{a\n}}", PARAMS)).isEqualTo("{{a\n}}");
        assertThat(FastTemplate.render("{{\n{{a}}", PARAMS)).as("the tag runs from the first {{ to the first }}")
                .isEqualTo("{{\n{{a}}");
        assertThat(FastTemplate.render("line\n{{a}} and {{ a }}", PARAMS)).isEqualTo("line\nx and x");
        assertThat(FastTemplate.render("}} {{", PARAMS)).isEqualTo("}} {{");
    }

    @Test
    void onlyStringParametersAreSubstituted() {
        assertThat(FastTemplate.render("{{n}}-{{a}}-{{}}-{{ }}", PARAMS)).isEqualTo("{{n}}-x-{{}}-{{ }}");
    }

    @Test
    void anUnclosedTagIsAnErrorOnceTheStringIsTemplated() {
        assertThatThrownBy(() -> FastTemplate.render("{{a}} {{b}", PARAMS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot find the end tag");
        assertThat(FastTemplate.render("{{b}", PARAMS)).isEqualTo("{{b}");
    }

    @Test
    void argoCdRenderTemplateParamsCases() {
        assertThat(FastTemplate.render("{{one}}", Map.of("{{one}}", "{{one}}"))).isEqualTo("{{one}}");
        assertThat(FastTemplate.render("{{one}}", Map.of("{{one}}", "{{two}}"))).isEqualTo("{{one}}");
        assertThat(FastTemplate.render("{{ONE}}", Map.of("{{one}}", "two"))).isEqualTo("{{ONE}}");
        assertThat(FastTemplate.render("{{ }}", Map.of(" ", "two", "", "three"))).isEqualTo("{{ }}");
        assertThat(FastTemplate.render("{{ }}", Map.of("one", "{{ }}"))).isEqualTo("{{ }}");
        assertThat(FastTemplate.render("{{one}} {{three}}", Map.of("one", "\"hello\" world", "three", "four")))
                .isEqualTo("\"hello\" world four");
    }
}
