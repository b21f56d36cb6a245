package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Merge keys: Argo CD's TestParamSetsAreUniqueByMergeKeys cases as our own, each as the first
 * child of a merge (whose sets must be unique by the keys) merged with an empty second child.
 */
class MergeKeysTest {

    private static List<Map<String, Object>> merge(String keys, String elements) {
        String generator = """
                - merge:
                    mergeKeys: %s
                    generators:
                    - list: {elements: %s}
                    - list: {elements: [{unrelated: x}]}
                """.formatted(keys, elements);
        return Harness.params(true, generator);
    }

    @Test
    void noMergeKeys() {
        assertThatThrownBy(() -> merge("[]", "[{key: a}]")).hasMessageContaining("no merge keys were specified");
    }

    @Test
    void noParameterSets() {
        assertThat(merge("[key]", "[]")).isEmpty();
    }

    @Test
    void simpleKeys() {
        assertThat(merge("[key]", "[{key: a}, {key: b}]")).containsExactly(Map.of("key", "a"), Map.of("key", "b"));
        assertThat(merge("[key]", "[{key: {hello: world}}, {key: b}]"))
                .containsExactly(Map.of("key", Map.of("hello", "world")), Map.of("key", "b"));
        assertThat(merge("[key, key]", "[{key: a}, {key: b}]")).hasSize(2);
    }

    @Test
    void simpleKeysNotUnique() {
        for (String keys : List.of("[key]", "[key, key]")) {
            assertThatThrownBy(() -> merge(keys, "[{key: a}, {key: b}, {key: b}]"))
                    .hasMessageContaining("not unique by the given mergeKeys")
                    .hasMessageContaining("Duplicate key was {\"key\":\"b\"}");
        }
    }

    @Test
    void compoundKeys() {
        String sets = "[{key1: a, key2: a}, {key1: a, key2: b}, {key1: b, key2: a}]";
        assertThat(merge("[key1, key2]", sets)).hasSize(3);
        assertThat(merge("[key1, key1, key2]", sets)).hasSize(3);
        assertThat(merge("[key1, key2]", "[{key1: a, key2: {hello: world}}, {key1: a, key2: b}, {key1: b, key2: a}]"))
                .hasSize(3);
    }

    @Test
    void compoundKeysNotUnique() {
        String sets = "[{key1: a, key2: a}, {key1: a, key2: a}, {key1: b, key2: a}]";
        for (String keys : List.of("[key1, key2]", "[key1, key1, key2]")) {
            assertThatThrownBy(() -> merge(keys, sets))
                    .hasMessageContaining("Duplicate key was {\"key1\":\"a\",\"key2\":\"a\"}");
        }
        assertThatThrownBy(() -> merge("[key1, key2]", "[{key1: a, key2: {z: 1, a: 2}}, {key2: {a: 2, z: 1}, key1: a}]"))
                .hasMessageContaining("Duplicate key was {\"key1\":\"a\",\"key2\":{\"a\":2,\"z\":1}}");
    }

    @Test
    void goTemplateMergeIsDeep() {
        String generator = """
                - merge:
                    mergeKeys: [name]
                    generators:
                    - list: {elements: [{name: a, values: {x: '1', y: '1'}}]}
                    - list: {elements: [{name: a, values: {y: '2'}}]}
                """;
        assertThat(Harness.params(true, generator)).containsExactly(Map.of("name", "a", "values", Map.of("x", "1", "y", "2")));
    }
}
