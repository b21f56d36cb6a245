package io.gitops4j.diff.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.Json;
import org.junit.jupiter.api.Test;

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
}
