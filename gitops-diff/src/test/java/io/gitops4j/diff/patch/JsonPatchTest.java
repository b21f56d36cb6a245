package io.gitops4j.diff.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchTest {

    private final ObjectNode configMap = Json.parseObject(
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"n\"},\"data\":{\"a\":\"1\"}}",
            "test");

    @Test
    void theDiffAppliedToTheSourceGivesTheTarget() {
        ObjectNode target = configMap.deepCopy();
        ((ObjectNode) target.get("data")).put("b", "2").remove("a");

        assertThat(JsonPatch.apply(configMap, JsonPatch.diff(configMap, target))).isEqualTo(target);
        assertThat(JsonPatch.diff(configMap, configMap)).isEmpty();
    }

    @Test
    void aFailingOperationNamesTheObject() {
        var operations = Json.mapper().createArrayNode();
        operations.addObject().put("op", "remove").put("path", "/data/missing");

        assertThatThrownBy(() -> JsonPatch.apply(configMap, operations))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("/ConfigMap/n/c");
    }

    /**
     * Found by KustomizeFuzzTest: a {@code replace} without {@code path} (or a {@code move}
     * without {@code from}, an {@code add} without {@code value}) ended in a NullPointerException
     * inside json-patch instead of a PatchException.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            [{"op": "replace", "value": 3}]                  ; operation 1 (replace) has no path
            [{"op": "add", "path": "/data/b"}]               ; operation 1 (add) has no value
            [{"op": "remove", "path": "/data/a"}, {"op": "move", "path": "/x"}] ; operation 2 (move) has no from
            [{"op": "frobnicate", "path": "/x"}]             ; operation 1 has the op 'frobnicate'
            [3]                                              ; operation 1 is not a mapping
            {"op": "remove", "path": "/data/a"}              ; the operations must be a list, not object
            """)
    void aMalformedOperationIsAPatchExceptionNamingIt(String operations, String problem) {
        assertThatThrownBy(() -> JsonPatch.apply(configMap, Json.mapper().readTree(operations)))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("/ConfigMap/n/c")
                .hasMessageContaining(problem);
    }
}
